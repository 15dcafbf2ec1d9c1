using System.Text.Json;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

public sealed class ParcoordsPayloadTests
{
    [Fact]
    public void Values_travel_as_four_bytes_each_and_decode_within_a_float_step_of_the_axis_span()
    {
        var values = new[] { -5.0, -4.123456789, -2.5, -1.0000001, -1.0 };
        var bytes = ParcoordsPayload.Encode(values, -5, -1, missing: -5.32);
        Assert.Equal(values.Length * 4, bytes.Length);
        var decoded = ParcoordsPayload.Decode(bytes, -5, -1);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.InRange(decoded[i], values[i] - 4 * 1e-7, values[i] + 4 * 1e-7);
        }
    }

    [Fact]
    public void A_large_offset_keeps_the_resolution_of_the_span_not_of_the_offset()
    {
        // As raw Float32, 1e9 + 0.25 would round to 1e9; as a position in its range it keeps its quarter.
        var values = new[] { 1e9, 1e9 + 0.25, 1e9 + 1 };
        var decoded = ParcoordsPayload.Decode(ParcoordsPayload.Encode(values, 1e9, 1e9 + 1, 1e9), 1e9, 1e9 + 1);
        Assert.Equal(0.25, decoded[1] - 1e9, 1e-6);
    }

    [Fact]
    public void Missing_values_sit_below_the_axis_and_the_range_includes_them()
    {
        var data = new ParcoordsData(
            [new ParcoordsDimension("lr", [1.0, double.NaN, 3.0], 1, 3, Log: true)],
            [0.5, 0.7, 0.9], "accuracy", LowerIsBetter: false);
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(ParcoordsPayload.Build(data), Base64Bytes));
        var dimension = doc.RootElement.GetProperty("dimensions")[0];
        var range = dimension.GetProperty("range").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(1 - 2 * 0.08, range[0], 12);
        Assert.Equal(3, range[1]);
        var decoded = ParcoordsPayload.Decode(dimension.GetProperty("values").GetBytesFromBase64(), range[0], range[1]);
        Assert.Equal(1, decoded[0], 6);
        Assert.Equal(range[0], decoded[1], 6);
        Assert.Equal(3, decoded[2], 6);
        Assert.Equal(["10", "100", "1000", "n/a"], dimension.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(range[0], dimension.GetProperty("tickvals").EnumerateArray().Last().GetDouble());
        var colorRange = doc.RootElement.GetProperty("colorRange").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal([0.5, 0.9], colorRange);
    }

    [Fact]
    public void A_brush_drawn_on_decoded_values_selects_the_trials_the_server_filters_on()
    {
        var spec = SweepFixtures.Spec();
        var trials = SweepFixtures.Trials(2000);
        var parcoords = ParallelCoordinates.Build(trials, spec);
        foreach (var (dimension, index) in parcoords.Data.Dimensions.Select((d, i) => (d, i)))
        {
            var low = dimension.Min;
            var high = dimension.Max > dimension.Min ? dimension.Max : dimension.Min + 1;
            var decoded = ParcoordsPayload.Decode(ParcoordsPayload.Encode(dimension.Values, low, high, low), low, high);
            // A brush over the middle of the axis, as the browser would report it in axis units.
            var brush = new AxisBrush(index, [new BrushRange(low + 0.3 * (high - low), low + 0.6 * (high - low))]);
            var inBrowser = decoded.Count(brush.Contains);
            var onServer = trials.Count(t => t.State == "completed" && parcoords.Matches(t, [brush]));
            Assert.InRange(inBrowser, onServer - 1, onServer + 1);
            Assert.InRange(onServer, 1, 1999);
        }
    }

    private static readonly JsonSerializerOptions Base64Bytes = new(JsonSerializerDefaults.Web);
}
