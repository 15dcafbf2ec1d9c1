namespace ExperimentHub.Server.Components.Charts;

public readonly record struct BrushRange(double Low, double High);
