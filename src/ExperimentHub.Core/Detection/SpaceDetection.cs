namespace ExperimentHub.Core.Detection;

/// <summary>What the detector found in one script, and the script rewritten to read those values from <c>EXPERIMENTHUB_PARAMS</c>.</summary>
public sealed record SpaceDetection(IReadOnlyList<DetectedParameter> Parameters, IReadOnlyList<SkippedConstruct> Skipped, string RewrittenScript);
