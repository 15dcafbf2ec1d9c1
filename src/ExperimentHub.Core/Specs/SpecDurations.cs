namespace ExperimentHub.Core.Specs;

/// <summary>Deadlines from a spec's minutes, safe for any stored value (a spec stored before its limits existed).</summary>
public static class SpecDurations
{
    /// <summary>
    /// <paramref name="start"/> plus <paramref name="minutes"/>; <see cref="DateTimeOffset.MaxValue"/> (never) when that
    /// is past the calendar or the minutes are not a number, where <see cref="DateTimeOffset.AddMinutes"/> throws.
    /// </summary>
    public static DateTimeOffset After(DateTimeOffset start, double minutes)
    {
        var room = (DateTimeOffset.MaxValue - start).TotalMinutes;
        return double.IsNaN(minutes) || minutes >= room ? DateTimeOffset.MaxValue : start.AddMinutes(Math.Max(minutes, 0));
    }

    /// <summary>Whole seconds of <paramref name="minutes"/>, rounded up and capped at <see cref="int.MaxValue"/>.</summary>
    public static int CeilingSeconds(double minutes) =>
        double.IsNaN(minutes) || minutes <= 0 ? 0 : minutes * 60 >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(minutes * 60);
}
