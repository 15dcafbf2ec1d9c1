namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Where the repository and the built server are, from this test assembly's own output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The server's build output for the configuration, framework and runtime this test project was built with
    /// (…/bin/Release/net10.0/): the tests build nothing themselves.
    /// </summary>
    public static string ServerOutputDirectory
    {
        get
        {
            var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var testProject = Path.Combine(Root, "tests", "ExperimentHub.E2E.Tests", "bin");
            var relative = Path.GetRelativePath(testProject, testOutput);
            return Path.Combine(Root, "src", "ExperimentHub.Server", "bin", relative);
        }
    }

    /// <summary>The server's apphost (or its dll when the apphost is missing), ready to start.</summary>
    public static string ServerExecutable
    {
        get
        {
            var dir = ServerOutputDirectory;
            var apphost = Path.Combine(dir, OperatingSystem.IsWindows() ? "ExperimentHub.Server.exe" : "ExperimentHub.Server");
            if (File.Exists(apphost))
            {
                return apphost;
            }
            var dll = Path.Combine(dir, "ExperimentHub.Server.dll");
            return File.Exists(dll)
                ? dll
                : throw new InvalidOperationException(
                    $"The server is not built at {dir}. Build the solution (./eng/test.sh does) before running these tests.");
        }
    }

    public static string TestOutput(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestResults", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExperimentHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ExperimentHub.sln above {AppContext.BaseDirectory}.");
    }
}
