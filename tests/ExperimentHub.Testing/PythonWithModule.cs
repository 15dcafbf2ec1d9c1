namespace ExperimentHub.Testing;

/// <summary>
/// A Python 3 that imports a module: the one on the PATH, or Debian's, where python3-* packages install it (a pyenv
/// or venv python3 on the PATH does not see Debian's packages). eng/test.sh installs the packages the tests need.
/// </summary>
public static class PythonWithModule
{
    /// <summary>The interpreter's path or name; throws, naming the Debian package, when none imports <paramref name="module"/>.</summary>
    public static string Find(string module, string debianPackage)
    {
        foreach (var candidate in (string[])["python3", "/usr/bin/python3"])
        {
            try
            {
                var result = ChildProcess.RunAsync(candidate, ["-c", $"import {module}"], Path.GetTempPath(), new Dictionary<string, string>(), TimeSpan.FromMinutes(1))
                    .GetAwaiter().GetResult();
                if (result.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed there; try the next.
            }
        }
        throw new InvalidOperationException($"No python3 here imports {module}: install Debian's {debianPackage} (eng/test.sh does).");
    }
}
