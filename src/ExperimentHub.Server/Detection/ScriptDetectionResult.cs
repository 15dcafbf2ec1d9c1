using ExperimentHub.Core.Detection;

namespace ExperimentHub.Server.Detection;

/// <summary>What detection gave: the <see cref="Detection"/>, or an <see cref="Error"/> with its line and column when the script was refused.</summary>
public sealed record ScriptDetectionResult(SpaceDetection? Detection, string? Error, int? Line = null, int? Column = null)
{
    public bool Succeeded => Detection is not null;

    public static ScriptDetectionResult Found(SpaceDetection detection) => new(detection, null);

    public static ScriptDetectionResult Refused(string error, int? line = null, int? column = null) => new(null, error, line, column);
}
