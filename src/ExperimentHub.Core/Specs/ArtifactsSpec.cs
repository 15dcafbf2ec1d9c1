namespace ExperimentHub.Core.Specs;

/// <summary>
/// What the agent keeps of each trial (<c>artifacts: {model_dir, clean}</c>): when a trial ends, the files under
/// <see cref="ModelDir"/> (relative to the trial's working folder) are uploaded to the run's artifacts under
/// <c>model/</c>; with <see cref="Clean"/> the folder is emptied before and after each trial, so no trial sees or
/// stores another's model.
/// </summary>
public sealed record ArtifactsSpec(string ModelDir, bool Clean = false)
{
    /// <summary>The artifact path prefix of a stored model: <c>model/weights.bin</c>.</summary>
    public const string ModelPrefix = "model/";
}
