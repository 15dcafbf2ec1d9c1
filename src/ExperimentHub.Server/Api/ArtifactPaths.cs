namespace ExperimentHub.Server.Api;

/// <summary>Which artifact paths are acceptable: relative, '/'-separated, no dot segments, no control characters.</summary>
public static class ArtifactPaths
{
    public const int MaxLength = 1024;

    /// <summary>Null when <paramref name="path"/> is acceptable, else why not.</summary>
    public static string? Validate(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "an artifact path is required";
        }
        if (path.Length > MaxLength)
        {
            return $"an artifact path has at most {MaxLength} characters";
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "an artifact path may not contain NUL";
        }
        if (path.Any(char.IsControl))
        {
            return "an artifact path may not contain control characters";
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "an artifact path uses '/' as separator, never '\\'";
        }
        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
        {
            return "an artifact path must be relative";
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "an artifact path may not have empty segments ('//' or a trailing '/')";
            }
            if (segment is "." or "..")
            {
                return "an artifact path may not contain '.' or '..' segments";
            }
        }
        return null;
    }
}
