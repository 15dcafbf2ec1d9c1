using System.Text.Json;

namespace ExperimentHub.Cli.Tests.Commands;

public sealed class DetectCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ehub-cli-detect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Json_describes_the_machine_and_its_gpus()
    {
        var cli = new AgentCliHarness();

        var exit = await cli.RunAsync("detect", "--json", "--nvidia-smi", FakeSmi());

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(cli.Output);
        var root = json.RootElement;
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cpuCount").GetInt32());
        Assert.True(root.GetProperty("memoryBytes").GetInt64() > 0);
        Assert.Equal(2, root.GetProperty("gpus").GetArrayLength());
        Assert.Equal("NVIDIA H200", root.GetProperty("gpus")[1].GetProperty("name").GetString());
        Assert.Equal(143771, root.GetProperty("gpus")[1].GetProperty("memoryMiB").GetInt64());
        Assert.Equal(2, root.GetProperty("defaultSlots").GetInt32());
    }

    [Fact]
    public async Task Gpus_lists_one_gpu_per_line()
    {
        var cli = new AgentCliHarness();

        await cli.RunAsync("detect", "--gpus", "--nvidia-smi", FakeSmi());

        Assert.Equal(["0\tGPU-aaa\tNVIDIA H200\t143771", "1\tGPU-bbb\tNVIDIA H200\t143771"], cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Text_output_without_nvidia_smi_says_none()
    {
        var cli = new AgentCliHarness();

        var exit = await cli.RunAsync("detect", "--nvidia-smi", Path.Combine(_dir, "absent"));

        Assert.Equal(0, exit);
        Assert.Contains("gpus     none", cli.Output, StringComparison.Ordinal);
        Assert.Contains("logical CPUs", cli.Output, StringComparison.Ordinal);
        Assert.Contains("slots    ", cli.Output, StringComparison.Ordinal);
    }

    private string FakeSmi()
    {
        var path = Path.Combine(_dir, "nvidia-smi");
        File.WriteAllText(path, "#!/bin/sh\necho '0, GPU-aaa, NVIDIA H200, 143771'\necho '1, GPU-bbb, NVIDIA H200, 143771'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
