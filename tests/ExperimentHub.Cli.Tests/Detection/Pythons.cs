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

    private static string FindScikitLearn() => PythonWithModule.Find("sklearn", "python3-sklearn");
}
