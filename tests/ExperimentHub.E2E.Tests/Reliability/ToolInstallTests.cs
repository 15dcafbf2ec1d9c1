using ExperimentHub.E2E.Tests.Infrastructure;
using ChildProcess = ExperimentHub.Testing.ChildProcess;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>The README's install command puts a working <c>ehub</c> where it says, from the repository alone.</summary>
public sealed class ToolInstallTests
{
    [Fact]
    public async Task Install_script_installs_ehub_as_a_dotnet_tool_that_runs()
    {
        var tools = Directory.CreateTempSubdirectory("ehub-tool-");
        try
        {
            var install = await RunAsync(Path.Combine(RepoPaths.Root, "eng", "install-ehub.sh"), "--tool-path", tools.FullName);
            Assert.True(install.ExitCode == 0, install.Output);
            Assert.Contains($"ehub is installed in {tools.FullName}", install.Output, StringComparison.Ordinal);

            var help = await RunAsync(Path.Combine(tools.FullName, "ehub"), "--help");
            Assert.True(help.ExitCode == 0, help.Output);
            foreach (var verb in new[] { "agent", "sweep", "export", "space" })
            {
                Assert.Contains(verb, help.Output, StringComparison.Ordinal);
            }

            // The installed tool carries the detector and its table: it proposes a space for a corpus script.
            var script = Path.Combine(RepoPaths.Root, "tests", "ExperimentHub.Cli.Tests", "Detection", "Corpus", "keras_functional.py");
            var detected = await RunAsync(Path.Combine(tools.FullName, "ehub"), "space", "detect", script);
            Assert.True(detected.ExitCode == 0, detected.Output);
            Assert.Contains("parameters:", detected.Output, StringComparison.Ordinal);
        }
        finally
        {
            tools.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(program, arguments, RepoPaths.Root,
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, TimeSpan.FromMinutes(10));
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}
