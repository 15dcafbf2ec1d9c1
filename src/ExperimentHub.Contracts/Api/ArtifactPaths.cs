using System.Globalization;
using System.Text;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// The rules for an artifact path (<c>model/weights.bin</c>) in <c>/api/v1/runs/{id}/artifacts/{path}</c>: relative,
/// '/' between folders, no way to climb out. The server refuses a path that breaks them, and the .NET client checks
/// before sending, because HttpClient folds <c>a/../b</c> into <c>b</c> before the server could see it.
/// </summary>
public static class ArtifactPaths
{
    /// <summary>The longest artifact path accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The longest folder or file name accepted, in UTF-8 bytes (the limit of common file systems).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Null when <paramref name="path"/> is a valid artifact path; otherwise a sentence naming the problem.</summary>
    public static string? Validate(string? path) => Validate(path, MaxLength);

    /// <summary>
    /// The same rules with another length limit: the server's stores accept keys made of a prefix and a path, so their
    /// limit is longer.
    /// </summary>
    public static string? Validate(string? path, int maxLength)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "The artifact path is empty.";
        }

        if (path.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The artifact path is {path.Length} characters long; the limit is {maxLength}.");
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\0' || char.IsControl(c) || VisibleText.IsBidiControl(c))
            {
                return $"The artifact path {VisibleText.FindHidden(path)}.";
            }

            if (c == '\\')
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The artifact path contains a backslash at position {i}; use '/' between folders.");
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1])))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The artifact path contains an unpaired surrogate at position {i}; it is not valid Unicode.");
            }

            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }

        if (path[0] == '/')
        {
            return "The artifact path is absolute (starts with '/'); it must be relative to the run.";
        }

        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            return "The artifact path starts with a drive letter; it must be relative to the run.";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "The artifact path has an empty segment ('//' or a trailing '/').";
            }

            if (segment is "." or "..")
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The artifact path has a '{segment}' segment; paths may not refer to the current or a parent folder.");
            }

            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The artifact path has a segment longer than {MaxSegmentBytes} bytes.");
            }
        }

        return null;
    }
}
