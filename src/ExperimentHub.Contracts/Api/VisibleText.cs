using System.Globalization;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// The characters a name may not hold, wherever a person reads it (projects, runs, sweeps, metric keys, artifact paths):
/// control characters (NUL, tab, line breaks, escapes) and the bidirectional controls that display text in another
/// order than it is stored ("Trojan Source"), such as U+202E RIGHT-TO-LEFT OVERRIDE.
/// </summary>
public static class VisibleText
{
    /// <summary>Null when <paramref name="text"/> holds none of them; otherwise which one, and where.</summary>
    public static string? FindHidden(string? text)
    {
        if (text is null)
        {
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains a NUL character at position {i}");
            }
            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"contains the control character U+{(int)c:X4} at position {i}");
            }
            if (IsBidiControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"contains the bidirectional control U+{(int)c:X4} at position {i}, which shows text in another order than it is stored");
            }
        }
        return null;
    }

    /// <summary>LRM, RLM, ALM, the embeddings and overrides (U+202A to U+202E) and the isolates (U+2066 to U+2069).</summary>
    public static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
