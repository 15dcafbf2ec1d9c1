namespace ExperimentHub.Core.Spaces;

/// <summary>
/// One dimension of a search space, with its own map to and from [0, 1].
/// Float and int map linearly, or logarithmically when <see cref="Log"/>; int values snap to <see cref="Step"/>;
/// a categorical choice i of k maps to the middle of its bin, (i + 0.5) / k.
/// </summary>
public sealed record ParameterDefinition
{
    public required string Name { get; init; }
    public required ParameterKind Kind { get; init; }
    public double Min { get; init; }
    public double Max { get; init; }
    public bool Log { get; init; }
    /// <summary>Grid spacing for floats (optional), spacing for ints (default 1).</summary>
    public double? Step { get; init; }
    public IReadOnlyList<object> Choices { get; init; } = [];
    public ParameterCondition? When { get; init; }

    public static ParameterDefinition Float(string name, double min, double max, bool log = false, double? step = null) =>
        new() { Name = name, Kind = ParameterKind.Float, Min = min, Max = max, Log = log, Step = step };

    public static ParameterDefinition Int(string name, long min, long max, bool log = false, long step = 1) =>
        new() { Name = name, Kind = ParameterKind.Int, Min = min, Max = max, Log = log, Step = step };

    public static ParameterDefinition Categorical(string name, params object[] choices) =>
        new() { Name = name, Kind = ParameterKind.Categorical, Choices = choices };

    public ParameterDefinition WithCondition(string parent, params object[] values) =>
        this with { When = new ParameterCondition(parent, values) };

    /// <summary>
    /// The number of distinct values, or null when continuous; <see cref="long.MaxValue"/> when there are more (a
    /// float range of 1e300 in steps of 1e-300).
    /// </summary>
    public long? Cardinality => Kind switch
    {
        ParameterKind.Categorical => Choices.Count,
        ParameterKind.Int => StepsIn(Math.Floor((Max - Min) / (Step ?? 1))),
        _ when Step is > 0 => StepsIn(Math.Floor((Max - Min) / Step.Value + 1e-9)),
        _ => null,
    };

    private static long StepsIn(double steps) => steps >= long.MaxValue - 1 || double.IsNaN(steps) ? long.MaxValue : (long)steps + 1;

    /// <summary>Maps a value of this parameter to [0, 1].</summary>
    public double ToUnit(object value)
    {
        if (Kind == ParameterKind.Categorical)
        {
            var index = IndexOf(value);
            if (index < 0)
            {
                throw new ArgumentException($"'{ParameterValues.Format(value)}' is not a choice of '{Name}'.", nameof(value));
            }
            return (index + 0.5) / Choices.Count;
        }

        var x = ParameterValues.ToDouble(value);
        if (Kind == ParameterKind.Int)
        {
            var (lo, hi) = IntBinEdges();
            return Log ? Clamp01((Math.Log(x) - Math.Log(lo)) / (Math.Log(hi) - Math.Log(lo)))
                       : Clamp01((x - lo) / (hi - lo));
        }
        return Log ? Clamp01((Math.Log(x) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)))
                   : Clamp01((x - Min) / (Max - Min));
    }

    /// <summary>Maps a point of [0, 1] to a valid value of this parameter (double, long, or the choice object).</summary>
    public object FromUnit(double u)
    {
        u = Clamp01(u);
        switch (Kind)
        {
            case ParameterKind.Categorical:
                return Choices[Math.Min((int)(u * Choices.Count), Choices.Count - 1)];
            case ParameterKind.Int:
            {
                var step = Step ?? 1;
                var (lo, hi) = IntBinEdges();
                var x = Log ? Math.Exp(Math.Log(lo) + u * (Math.Log(hi) - Math.Log(lo))) : lo + u * (hi - lo);
                var snapped = Min + Math.Round((x - Min) / step) * step;
                return (long)Math.Clamp(snapped, Min, Min + Math.Floor((Max - Min) / step) * step);
            }
            default:
            {
                var x = Log ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))) : Min + u * (Max - Min);
                if (Step is > 0)
                {
                    x = Min + Math.Round((x - Min) / Step.Value) * Step.Value;
                }
                return Math.Clamp(x, Min, Max);
            }
        }
    }

    public int IndexOf(object value)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            if (ParameterValues.AreEqual(Choices[i], value))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether <paramref name="value"/> is a valid value of this parameter.</summary>
    public bool Accepts(object? value)
    {
        if (value is null)
        {
            return false;
        }
        if (Kind == ParameterKind.Categorical)
        {
            return IndexOf(value) >= 0;
        }
        if (value is string or bool)
        {
            return false;
        }
        var x = ParameterValues.ToDouble(value);
        if (double.IsNaN(x) || x < Min || x > Max)
        {
            return false;
        }
        return Kind != ParameterKind.Int || Math.Abs((x - Min) / (Step ?? 1) - Math.Round((x - Min) / (Step ?? 1))) < 1e-9;
    }

    /// <summary>
    /// Each int owns a bin one step wide, so every value gets an equal share of the cube (of the log cube when
    /// <see cref="Log"/>; log ints have step 1 and min at least 1, so the lower edge stays positive).
    /// </summary>
    private (double Lo, double Hi) IntBinEdges()
    {
        var half = (Step ?? 1) / 2.0;
        return (Min - half, Min + Math.Floor((Max - Min) / (Step ?? 1)) * (Step ?? 1) + half);
    }

    private static double Clamp01(double u) => double.IsNaN(u) ? 0.5 : Math.Clamp(u, 0, 1);
}
