namespace ExperimentHub.Cli.Tests.Detection;

/// <summary>The Python interpreters the detection tests use.</summary>
internal static class Pythons
{
    private static readonly Lazy<string> LazyScikitLearn = new(FindScikitLearn);

    /// <summary>Any Python 3 runs the detector (standard library only).</summary>
    public const string Detector = "python3";

    /// <summary>
    /// A Python 3 that imports scikit-learn: the one on the PATH, or Debian's, where python3-sklearn installs it
    /// (a pyenv or venv python3 on the PATH does not see Debian's packages). eng/test.sh installs python3-sklearn.
    /// </summary>
    public static string ScikitLearn => LazyScikitLearn.Value;

    private static string FindScikitLearn()
    {
        foreach (var candidate in (string[])["python3", "/usr/bin/python3"])
        {
            try
            {
                var result = ChildProcess.RunAsync(candidate, ["-c", "import sklearn"], Path.GetTempPath(), new Dictionary<string, string>(), TimeSpan.FromMinutes(1))
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
        throw new InvalidOperationException("No python3 here imports scikit-learn: install Debian's python3-sklearn (eng/test.sh does).");
    }
}
