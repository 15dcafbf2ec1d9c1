namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>The built <c>ehub</c> tool, for the configuration, framework and runtime these tests were built with.</summary>
public static class CliPaths
{
    public static string OutputDirectory =>
        RepoPaths.ServerOutputDirectory.Replace(
            Path.Combine("src", "ExperimentHub.Server", "bin"), Path.Combine("src", "ExperimentHub.Cli", "bin"), StringComparison.Ordinal);

    /// <summary>The apphost; a dll is run through <c>dotnet</c>.</summary>
    public static string Executable
    {
        get
        {
            var dir = OutputDirectory;
            var apphost = Path.Combine(dir, OperatingSystem.IsWindows() ? "ehub.exe" : "ehub");
            if (File.Exists(apphost))
            {
                return apphost;
            }
            var dll = Path.Combine(dir, "ehub.dll");
            return File.Exists(dll)
                ? dll
                : throw new InvalidOperationException($"ehub is not built at {dir}. Build the solution (./eng/test.sh does) before running these tests.");
        }
    }

    /// <summary>A start description for ehub with these arguments, its output redirected, no shell.</summary>
    public static System.Diagnostics.ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var executable = Executable;
        var isDll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new System.Diagnostics.ProcessStartInfo
        {
            FileName = isDll ? "dotnet" : executable,
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isDll)
        {
            info.ArgumentList.Add(executable);
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // The machine's own settings must not leak into the tool under test.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("EXPERIMENTHUB_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }
}
