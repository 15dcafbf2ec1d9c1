namespace ExperimentHub.Server.Components.Charts;

internal static class ScatterPayload
{
    public static object From(ScatterGroup group) => new
    {
        x = ChartPayload.Finite(group.X),
        y = ChartPayload.Finite(group.Y),
        ids = group.Ids,
        text = group.Text,
        selected = group.Selected,
    };
}
