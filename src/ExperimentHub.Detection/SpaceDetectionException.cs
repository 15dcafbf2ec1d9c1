namespace ExperimentHub.Detection;

/// <summary>
/// The detector refused the script or could not run: <see cref="Kind"/> is <c>syntax</c> (with the line and column of
/// the error), <c>not-python</c>, <c>metadata</c> (a bad table), <c>io</c>, <c>python</c> (no interpreter) or <c>detector</c>.
/// </summary>
internal sealed class SpaceDetectionException(string kind, string message, int? line = null, int? column = null) : Exception(message)
{
    public string Kind { get; } = kind;

    public int? Line { get; } = line;

    public int? Column { get; } = column;
}
