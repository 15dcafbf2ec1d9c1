using System.Text.Json;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// A trial handed out by <c>POST /api/v1/sweeps/{id}/ask</c>. <see cref="TrialId"/> is the id to tell
/// (<c>POST /api/v1/trials/{trialId}/tell</c>); it is the trial's run, so <see cref="RunId"/> holds the same number
/// and <see cref="Token"/> may log intermediate metrics to that run. <see cref="ExpiresAt"/>: untold by then, the
/// trial counts as failed (expired).
/// </summary>
public sealed record AskedTrialDto(
    long TrialId,
    long RunId,
    long SweepId,
    int TrialNumber,
    JsonElement Params,
    string Token,
    DateTimeOffset ExpiresAt);
