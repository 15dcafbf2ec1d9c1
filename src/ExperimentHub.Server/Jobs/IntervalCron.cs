using System.Globalization;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// A recurring job's cron for "every so many milliseconds". Hangfire fires recurring jobs to the second (six-field
/// cron), and a step such as <c>*/7</c> starts again at each minute (…, 49, 56, 0), so an interval is rounded up to the
/// next step that divides its unit evenly: seconds and minutes to divisors of 60, hours to divisors of 24. Past a
/// unit's longest step it takes the next unit; past half a day it runs daily.
/// </summary>
internal static class IntervalCron
{
    private static readonly int[] s_stepsOfSixty = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];
    private static readonly int[] s_stepsOfTwentyFour = [1, 2, 3, 4, 6, 8, 12, 24];

    public static string Every(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, 1);
        var seconds = (long)Math.Ceiling(milliseconds / 1000.0);
        var minutes = (long)Math.Ceiling(seconds / 60.0);
        var hours = (long)Math.Ceiling(minutes / 60.0);
        return (StepOf(seconds, s_stepsOfSixty), StepOf(minutes, s_stepsOfSixty), StepOf(hours, s_stepsOfTwentyFour)) switch
        {
            ( < 60 and var s, _, _) => Format($"*/{s} * * * * *"),
            (_, < 60 and var m, _) => Format($"0 */{m} * * * *"),
            (_, _, < 24 and var h) => Format($"0 0 */{h} * * *"),
            _ => "0 0 0 * * *",
        };
    }

    /// <summary>The shortest step at least <paramref name="amount"/> long (the unit itself when none of the others is).</summary>
    private static int StepOf(long amount, int[] steps) => steps.First(step => step >= Math.Min(amount, steps[^1]));

    private static string Format(FormattableString cron) => cron.ToString(CultureInfo.InvariantCulture);
}
