namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// What to keep of a trial (the spec's <c>artifacts</c>): the files under <paramref name="ModelDir"/>, relative to the
/// trial's working folder, are uploaded under <c>model/</c> when it ends; with <paramref name="Clean"/> the folder is
/// emptied before and after each trial.
/// </summary>
public sealed record TrialArtifacts(string ModelDir, bool Clean);
