using ExperimentHub.E2E.Tests.Infrastructure;
using ChildProcess = ExperimentHub.Testing.ChildProcess;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// The real server process refusing to start: one line on standard error that names the setting to change, exit
/// code 1, no stack trace, and nothing opened (a second server must not touch the first one's database).
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StartupProblemTests
{
    [Fact]
    public async Task A_second_server_on_the_same_port_says_so_in_one_line_and_opens_nothing()
    {
        await using var first = await ServerProcess.StartAsync();
        var secondData = Directory.CreateTempSubdirectory("ehub-second-");
        try
        {
            var result = await RunServerAsync("--urls", first.BaseUrl, "--ExperimentHub:DataDir=" + secondData.FullName);

            AssertOneLineRefusal(result, $"port {first.Port} is in use", "--urls");
            Assert.Empty(secondData.EnumerateFileSystemInfos());
            Assert.True((await first.CreateAdminClient().GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
        }
        finally
        {
            secondData.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_made_is_named_with_the_setting()
    {
        var scratch = Directory.CreateTempSubdirectory("ehub-datadir-");
        try
        {
            var file = Path.Combine(scratch.FullName, "a-file");
            await File.WriteAllTextAsync(file, "not a folder");
            var result = await RunServerAsync("--urls", $"http://127.0.0.1:{FreePort.Next()}", "--ExperimentHub:DataDir=" + Path.Combine(file, "data"));

            AssertOneLineRefusal(result, "ExperimentHub:DataDir", "is a file");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Invalid_settings_are_named_before_the_store_is_opened()
    {
        var data = Directory.CreateTempSubdirectory("ehub-settings-");
        try
        {
            var result = await RunServerAsync("--urls", $"http://127.0.0.1:{FreePort.Next()}", "--ExperimentHub:DataDir=" + data.FullName,
                "--ExperimentHub:Dispatch:LeaseSeconds=-4");

            AssertOneLineRefusal(result, "invalid settings", "ExperimentHub:Dispatch:LeaseSeconds must be between");
            Assert.False(File.Exists(Path.Combine(data.FullName, "experimenthub.db")), "the store was opened");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_database_provider_is_named_with_the_setting()
    {
        var data = Directory.CreateTempSubdirectory("ehub-provider-");
        try
        {
            var result = await RunServerAsync("--urls", $"http://127.0.0.1:{FreePort.Next()}", "--ExperimentHub:DataDir=" + data.FullName,
                "--ExperimentHub:Database:Provider=mysql");

            AssertOneLineRefusal(result, "ExperimentHub:Database:Provider 'mysql'", "sqlite, postgres, sqlserver");
            Assert.Empty(data.EnumerateFileSystemInfos());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_named_with_the_setting()
    {
        var data = Directory.CreateTempSubdirectory("ehub-unreachable-");
        try
        {
            // Nothing listens on a free port.
            var result = await RunServerAsync("--urls", $"http://127.0.0.1:{FreePort.Next()}", "--ExperimentHub:DataDir=" + data.FullName,
                "--ExperimentHub:Database:Provider=postgres",
                $"--ExperimentHub:Database:ConnectionString=Host=127.0.0.1;Port={FreePort.Next()};Database=ehub;Username=postgres;Timeout=5");

            AssertOneLineRefusal(result, "ExperimentHub:Database:ConnectionString", "does not answer");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static void AssertOneLineRefusal((int ExitCode, string StandardError) result, params string[] expected)
    {
        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}: {result.StandardError}");
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "one line expected on standard error:\n" + result.StandardError);
        Assert.StartsWith("experimenthub: ", lines[0], StringComparison.Ordinal);
        foreach (var part in expected)
        {
            Assert.Contains(part, lines[0], StringComparison.Ordinal);
        }
    }

    /// <summary>The built server with these arguments, run to its end (it must refuse to start).</summary>
    private static async Task<(int ExitCode, string StandardError)> RunServerAsync(params string[] arguments)
    {
        var executable = RepoPaths.ServerExecutable;
        var isDll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var result = await ChildProcess.RunAsync(isDll ? "dotnet" : executable, (isDll ? [executable] : Array.Empty<string>()).Concat(arguments),
            RepoPaths.ServerOutputDirectory,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_NOLOGO"] = "1" }, TimeSpan.FromMinutes(2));
        return (result.ExitCode, result.StandardError);
    }
}
