using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ExperimentHub.Server.Storage;

/// <summary>
/// The rules for an artifact path (<c>model/weights.bin</c>): relative, '/' between folders, no way to climb out.
/// The API checks paths with <see cref="Validate"/> before any store sees them; the stores check again.
/// </summary>
public static class ArtifactKeys
{
    /// <summary>The longest artifact path accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// The longest store key accepted, in characters: a key is an artifact path behind a prefix of the caller's
    /// (<c>runs/42/</c>), so a path of <see cref="MaxLength"/> characters must still fit.
    /// </summary>
    public const int MaxKeyLength = 2048;

    /// <summary>The longest folder or file name accepted, in UTF-8 bytes (the limit of common file systems).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Null when <paramref name="path"/> is a valid artifact path; otherwise a sentence naming the problem.</summary>
    public static string? Validate(string? path) => Validate(path, MaxLength);

    /// <summary>The same rules for a store key, which may be up to <see cref="MaxKeyLength"/> characters long.</summary>
    public static string? ValidateKey(string? key) => Validate(key, MaxKeyLength);

    /// <summary>True when <paramref name="path"/> is valid; otherwise false with the problem.</summary>
    public static bool IsValid(string? path, [NotNullWhen(false)] out string? problem)
    {
        problem = Validate(path);
        return problem is null;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the problem when <paramref name="key"/> is not a valid store key.</summary>
    public static void EnsureValidKey(string? key, string parameterName)
    {
        if (ValidateKey(key) is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    private static string? Validate(string? path, int maxLength)
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
            if (c == '\0')
            {
                return string.Create(CultureInfo.InvariantCulture, $"The artifact path contains a NUL character at position {i}.");
            }

            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The artifact path contains the control character U+{(int)c:X4} at position {i}.");
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
