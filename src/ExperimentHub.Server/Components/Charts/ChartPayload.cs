namespace ExperimentHub.Server.Components.Charts;

/// <summary>Helpers for payloads: JSON has no NaN, so non-finite values travel as null (a gap in the chart).</summary>
internal static class ChartPayload
{
    public static double?[] Finite(IReadOnlyList<double> values)
    {
        var result = new double?[values.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var v = values[i];
            result[i] = double.IsFinite(v) ? v : null;
        }
        return result;
    }

    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
