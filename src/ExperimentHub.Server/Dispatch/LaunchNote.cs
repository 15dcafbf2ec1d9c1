namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Something to know before launching a sweep, at the spec field it concerns (<c>workdir</c>, <c>command</c>,
/// <c>budget.parallel</c>). A note that <see cref="Blocks"/> describes a sweep whose every trial would fail.
/// </summary>
public sealed record LaunchNote(string Field, bool Blocks, string Message);
