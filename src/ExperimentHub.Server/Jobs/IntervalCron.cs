using System.Globalization;

namespace ExperimentHub.Server.Jobs;

/// <summary>
/// A recurring job's cron for "every so many milliseconds": Hangfire fires recurring jobs to the second (six-field
/// cron), so intervals are rounded up to whole seconds, and past a minute to whole minutes.
/// </summary>
internal static class IntervalCron
{
    public static string Every(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(milliseconds, 1);
        var seconds = (int)Math.Ceiling(milliseconds / 1000.0);
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"*/{seconds} * * * * *");
        }
        var minutes = (int)Math.Min(59, Math.Ceiling(seconds / 60.0));
        return string.Create(CultureInfo.InvariantCulture, $"0 */{minutes} * * * *");
    }
}
