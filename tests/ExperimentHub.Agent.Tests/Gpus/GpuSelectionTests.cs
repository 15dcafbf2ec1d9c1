using ExperimentHub.Agent.Gpus;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Tests.Gpus;

public class GpuSelectionTests
{
    private static readonly GpuInfo[] Detected = [new(0, "GPU-a", "H200", 1), new(1, "GPU-b", "H200", 1), new(2, "GPU-c", "H200", 1)];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData("AUTO")]
    public void Auto_keeps_every_gpu(string? text) => Assert.Equal(Detected, GpuSelection.Parse(text).Apply(Detected));

    [Fact]
    public void None_keeps_no_gpu() => Assert.Empty(GpuSelection.Parse("none").Apply(Detected));

    [Fact]
    public void A_list_keeps_those_gpus_in_its_order() =>
        Assert.Equal([2, 0], GpuSelection.Parse("2, 0").Apply(Detected).Select(g => g.Index));

    [Theory]
    [InlineData("0,x", "'x' is not a GPU index")]
    [InlineData("-1", "'-1' is not a GPU index")]
    [InlineData("1,1", "GPU 1 is listed twice")]
    public void Bad_lists_are_refused(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => GpuSelection.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_a_gpu_the_machine_lacks_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => GpuSelection.Parse("0,7").Apply(Detected));
        var none = Assert.Throws<ArgumentException>(() => GpuSelection.Parse("0").Apply([]));

        Assert.Contains("GPU 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("no GPUs", none.Message, StringComparison.Ordinal);
    }
}
