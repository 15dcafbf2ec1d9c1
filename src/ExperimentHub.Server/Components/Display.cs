using System.Globalization;

namespace ExperimentHub.Server.Components;

/// <summary>How numbers, sizes and times read on the dashboard: invariant culture, short and stable.</summary>
public static class Display
{
    public static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        0 => "0",
        _ when Math.Abs(value) is >= 1e-3 and < 1e6 => value.ToString("0.####", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###e0", CultureInfo.InvariantCulture),
    };

    public static string Number(double? value) => value is { } v ? Number(v) : "";

    public static string Value(object? value) => value switch
    {
        null => "",
        double d => Number(d),
        float f => Number(f),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };

    /// <summary>A moment in UTC, labelled as such: the server cannot know the reader's time zone before the page runs.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "";

    /// <summary>"12 s ago", "3 min ago"... relative to <paramref name="now"/>.</summary>
    public static string Ago(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } t)
        {
            return "never";
        }
        var span = now - t;
        return span.TotalSeconds switch
        {
            < 1 => "just now",
            < 60 => $"{(int)span.TotalSeconds} s ago",
            < 3600 => $"{(int)span.TotalMinutes} min ago",
            < 86400 => $"{(int)span.TotalHours} h ago",
            _ => $"{(int)span.TotalDays} d ago",
        };
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        if (start is not { } s)
        {
            return "";
        }
        var span = (end ?? now) - s;
        return span.TotalSeconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
            < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds} s",
            _ => $"{(int)span.TotalHours} h {span.Minutes} min",
        };
    }

    /// <summary>Dollars: four decimals below one dollar (an hour of a small instance), two above; a dash when unknown.</summary>
    public static string Dollars(double? value) => value switch
    {
        null => "—",
        < 1 and > -1 => string.Create(CultureInfo.InvariantCulture, $"${value:0.0000}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"${value:0.00}"),
    };
}
