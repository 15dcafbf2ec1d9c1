namespace ExperimentHub.Server.Components.Charts;

internal static class ScatterPayload
{
    /// <summary>Above this many points the hover shows values only: per-point text would dominate the payload.</summary>
    internal const int MaxTextPoints = 2000;

    public static object From(ScatterGroup group) => new
    {
        x = ChartPayload.Finite(group.X),
        y = ChartPayload.Finite(group.Y),
        ids = group.Ids,
        text = group.X.Count <= MaxTextPoints ? group.Text : null,
        selected = group.Selected,
    };
}
