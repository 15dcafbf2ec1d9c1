namespace ExperimentHub.Core.Specs.Validation;

/// <summary>Finds the valid name a mistyped one was probably meant to be ("paralel" → "parallel").</summary>
internal static class KeySuggestions
{
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        if (best is null)
        {
            return null;
        }
        // Close in spelling, or one a prefix of the other ("reduction" for "reduction_factor").
        var close = bestDistance <= Math.Max(2, Math.Min(typed.Length, best.Length) / 3);
        var prefix = typed.Length >= 3 && (best.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ||
                                           typed.StartsWith(best, StringComparison.OrdinalIgnoreCase));
        return close || prefix ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or the list of valid names.</summary>
    public static string Hint(string typed, IReadOnlyCollection<string> candidates, string kind = "keys") =>
        Closest(typed, candidates) is { } best
            ? $"; did you mean '{best}'?"
            : $"; valid {kind}: {string.Join(", ", candidates)}";

    /// <summary>Optimal string alignment distance: edits, with a swap of neighbours counted as one.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
