namespace ExperimentHub.Agent.Runners;

/// <summary>An upper bound of a string's size as a JSON string with the default encoder (which escapes non-ASCII as \uXXXX).</summary>
internal static class JsonSize
{
    public static int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var size = 2;
        foreach (var c in text)
        {
            size += Of(c);
        }
        return size;
    }

    /// <summary>The end of <paramref name="text"/> that fits <paramref name="maxBytes"/> as JSON, marked with "…" where cut.</summary>
    public static string KeepEnd(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var size = 2 + 6;
        var start = text.Length;
        while (start > 0 && size + Of(text[start - 1]) <= maxBytes)
        {
            start--;
            size += Of(text[start]);
        }
        return start == 0 ? text : "…" + text[start..];
    }

    private static int Of(char c) => c is < (char)0x20 or > (char)0x7e or '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`' ? 6 : 1;
}
