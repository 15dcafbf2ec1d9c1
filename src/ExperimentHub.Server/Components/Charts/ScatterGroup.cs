namespace ExperimentHub.Server.Components.Charts;

/// <summary>Points of one kind on a scatter (trials), with their run ids for clicks and hover text.</summary>
/// <param name="Selected">Per point: inside the brushed ranges (null: no brushing, all shown fully).</param>
public sealed record ScatterGroup(
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<long> Ids,
    IReadOnlyList<string> Text,
    IReadOnlyList<bool>? Selected)
{
    public static ScatterGroup Empty { get; } = new([], [], [], [], null);
}
