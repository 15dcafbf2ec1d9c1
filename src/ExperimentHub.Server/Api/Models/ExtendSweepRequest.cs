namespace ExperimentHub.Server.Api.Models;

/// <summary>POST /api/v1/sweeps/{id}/extend: how many trials to add to the budget.</summary>
public sealed record ExtendSweepRequest(int Trials);
