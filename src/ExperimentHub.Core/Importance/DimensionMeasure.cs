namespace ExperimentHub.Core.Importance;

/// <summary>
/// The measure fANOVA integrates over in one dimension. Active values are uniform on [0, 1] (the unit cube);
/// a conditional parameter's inactive trials sit at the point <see cref="Inactive"/>, which carries the share of
/// trials where it was inactive. So a parameter that is mostly inactive can explain only that little.
/// </summary>
internal readonly record struct DimensionMeasure(double InactiveShare)
{
    public const double Inactive = -1;

    /// <summary>The measure of the interval (lo, hi] (tree splits send x &lt;= threshold left).</summary>
    public double Of(double lo, double hi)
    {
        var active = Math.Max(0, Math.Min(hi, 1) - Math.Max(lo, 0));
        var inactive = lo < Inactive && Inactive <= hi ? InactiveShare : 0;
        return ((1 - InactiveShare) * active) + inactive;
    }
}
