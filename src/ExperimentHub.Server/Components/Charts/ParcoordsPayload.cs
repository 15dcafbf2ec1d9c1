using System.Buffers.Binary;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The parallel coordinates' payload for parcoords.js. Each axis' values (and the colours) travel as little-endian
/// Float32 bytes: Blazor sends a byte[] as binary and the browser gets a Uint8Array, instead of 10,000 trials times
/// every axis as JSON doubles (a megabyte-sized frame). Each value is stored as its position in the axis range
/// (0 at <c>range[0]</c>, 1 at <c>range[1]</c>), so Float32's 24 bits resolve one part in sixteen million of the
/// axis whatever its offset: far finer than a pixel, and brush ranges (pixels mapped back to axis units) match what
/// the C# side filters on.
/// </summary>
internal static class ParcoordsPayload
{
    /// <param name="picked">Per line, picked on another chart (1) or not (0), as bytes; null when nothing is picked.</param>
    public static object Build(ParcoordsData data, IReadOnlyList<bool>? picked = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (cmin, cmax) = FiniteRange(data.Color);
        if (picked is not null && picked.Count != data.Color.Count)
        {
            throw new ArgumentException($"{picked.Count} picked flags for {data.Color.Count} lines.", nameof(picked));
        }
        return new
        {
            dimensions = data.Dimensions.Select(Dimension).ToArray(),
            picked = picked?.Select(p => p ? (byte)1 : (byte)0).ToArray(),
            color = Encode(data.Color, cmin, cmax, missing: cmin),
            colorRange = new[] { cmin, cmax },
            colorTitle = data.ColorTitle,
            reverseScale = data.LowerIsBetter,
        };
    }

    private static object Dimension(ParcoordsDimension d)
    {
        // Missing values (an inactive conditional parameter) sit just below the axis, not on a real value.
        var span = d.Max > d.Min ? d.Max - d.Min : 1;
        var missing = d.Min - span * 0.08;
        var hasMissing = false;
        foreach (var v in d.Values)
        {
            if (!double.IsFinite(v))
            {
                hasMissing = true;
                break;
            }
        }
        var low = hasMissing ? missing : d.Min;
        var high = d.Max > d.Min ? d.Max : d.Min + 1;
        var (tickValues, tickText) = Ticks(d, hasMissing, missing);
        return new
        {
            label = d.Label,
            values = Encode(d.Values, low, high, missing),
            range = new[] { low, high },
            tickvals = tickValues,
            ticktext = tickText,
        };
    }

    /// <summary>Each value as Float32 (v - low) / (high - low), little-endian; a non-finite one as <paramref name="missing"/>.</summary>
    internal static byte[] Encode(IReadOnlyList<double> values, double low, double high, double missing)
    {
        var span = high > low ? high - low : 1;
        var bytes = new byte[values.Count * sizeof(float)];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var u = ((double.IsFinite(v) ? v : missing) - low) / span;
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), (float)u);
        }
        return bytes;
    }

    /// <summary>What parcoords.js decodes: low + Float32 × (high - low).</summary>
    internal static double[] Decode(byte[] bytes, double low, double high)
    {
        var span = high > low ? high - low : 1;
        var values = new double[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = low + BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float))) * span;
        }
        return values;
    }

    private static (double Min, double Max) FiniteRange(IReadOnlyList<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        return double.IsFinite(min) ? (min, max) : (0, 1);
    }

    private static (double[]? Values, string[]? Text) Ticks(ParcoordsDimension d, bool hasMissing, double missing)
    {
        List<double>? values = null;
        List<string>? text = null;
        if (d.TickValues is not null && d.TickText is not null)
        {
            values = [.. d.TickValues];
            text = [.. d.TickText];
        }
        else if (d.Log)
        {
            // Log axes show the real values at each power of ten (and the ends) instead of their logarithms.
            values = [];
            text = [];
            for (var p = Math.Ceiling(d.Min); p <= Math.Floor(d.Max); p++)
            {
                values.Add(p);
                text.Add(Display.Number(Math.Pow(10, p)));
            }
            if (values.Count < 2)
            {
                values = [d.Min, d.Max];
                text = [Display.Number(Math.Pow(10, d.Min)), Display.Number(Math.Pow(10, d.Max))];
            }
        }
        if (hasMissing && values is not null && text is not null)
        {
            values.Add(missing);
            text.Add("n/a");
        }
        return (values?.ToArray(), text?.ToArray());
    }
}
