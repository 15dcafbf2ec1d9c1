using ExperimentHub.Agent.Gpus;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Tests.Gpus;

public sealed class NvidiaSmiTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ehub-smi-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parses_the_query_output()
    {
        const string output = """
            0, GPU-5c1e4a0e-aaaa-bbbb-cccc-0123456789ab, NVIDIA H200, 143771
            1, GPU-77aa0000-aaaa-bbbb-cccc-0123456789ab, NVIDIA GeForce RTX 4090, 24564

            """;

        var gpus = NvidiaSmi.Parse(output);

        Assert.Equal(
            [
                new GpuInfo(0, "GPU-5c1e4a0e-aaaa-bbbb-cccc-0123456789ab", "NVIDIA H200", 143771),
                new GpuInfo(1, "GPU-77aa0000-aaaa-bbbb-cccc-0123456789ab", "NVIDIA GeForce RTX 4090", 24564),
            ],
            gpus);
    }

    [Fact]
    public void A_name_with_a_comma_and_unknown_memory_are_handled()
    {
        var gpu = Assert.Single(NvidiaSmi.Parse("3, MIG-1234, Tesla, rev B, [N/A]\r\n"));

        Assert.Equal(new GpuInfo(3, "MIG-1234", "Tesla, rev B", 0), gpu);
    }

    [Theory]
    [InlineData("0, GPU-1, 1000")]
    [InlineData("x, GPU-1, Name, 1000")]
    public void Malformed_lines_are_refused_with_the_line(string line)
    {
        var error = Assert.Throws<FormatException>(() => NvidiaSmi.Parse(line));

        Assert.Contains(line, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_machine_without_nvidia_smi_has_no_gpus()
    {
        var detection = await NvidiaSmi.DetectAsync(Path.Combine(_dir, "nvidia-smi-absent"));

        Assert.Empty(detection.Gpus);
        Assert.Null(detection.Problem);
    }

    [Fact]
    public async Task Detection_runs_the_program_with_the_query()
    {
        var fake = Script("fake-smi", """
            #!/bin/sh
            [ "$1" = "--query-gpu=index,uuid,name,memory.total" ] && [ "$2" = "--format=csv,noheader,nounits" ] || exit 9
            echo "0, GPU-a, NVIDIA H200, 143771"
            echo "1, GPU-b, NVIDIA H200, 143771"
            """);

        var detection = await NvidiaSmi.DetectAsync(fake);

        Assert.Null(detection.Problem);
        Assert.Equal([0, 1], detection.Gpus.Select(g => g.Index));
    }

    [Fact]
    public async Task A_failing_nvidia_smi_is_reported_not_thrown()
    {
        var fake = Script("broken-smi", """
            #!/bin/sh
            echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2
            exit 9
            """);

        var detection = await NvidiaSmi.DetectAsync(fake);

        Assert.Empty(detection.Gpus);
        Assert.Contains("couldn't communicate", detection.Problem, StringComparison.Ordinal);
    }

    private string Script(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
