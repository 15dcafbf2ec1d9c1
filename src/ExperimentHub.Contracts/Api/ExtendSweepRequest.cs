using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>POST /api/v1/sweeps/{id}/extend: how many trials to add to the budget.</summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ExtendSweepRequest(int Trials);
