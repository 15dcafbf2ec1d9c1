namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>What the user picked on the sweep page: the heatmap's two parameters and the Pareto chart's two objectives.</summary>
internal sealed record SweepViewChoices(string? HeatX, string? HeatY, string? ParetoX, string? ParetoY);
