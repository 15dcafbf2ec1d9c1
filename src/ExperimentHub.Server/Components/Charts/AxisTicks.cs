namespace ExperimentHub.Server.Components.Charts;

/// <summary>Named positions on an axis (the choices of a categorical parameter).</summary>
public sealed record AxisTicks(IReadOnlyList<double> Values, IReadOnlyList<string> Text);
