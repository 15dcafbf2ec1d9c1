using System.Diagnostics.CodeAnalysis;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Server.Storage;

/// <summary>
/// Artifact paths and the store keys made of them. The rules are the contract's (<see cref="ArtifactPaths"/>); the API
/// checks paths with <see cref="Validate"/> before any store sees them, and the stores check their keys again.
/// </summary>
public static class ArtifactKeys
{
    /// <summary>The longest artifact path accepted, in characters.</summary>
    public const int MaxLength = ArtifactPaths.MaxLength;

    /// <summary>
    /// The longest store key accepted, in characters: a key is an artifact path behind a prefix of the caller's
    /// (<c>runs/42/</c>), so a path of <see cref="MaxLength"/> characters must still fit.
    /// </summary>
    public const int MaxKeyLength = 2048;

    /// <summary>The longest folder or file name accepted, in UTF-8 bytes (the limit of common file systems).</summary>
    public const int MaxSegmentBytes = ArtifactPaths.MaxSegmentBytes;

    /// <summary>Null when <paramref name="path"/> is a valid artifact path; otherwise a sentence naming the problem.</summary>
    public static string? Validate(string? path) => ArtifactPaths.Validate(path);

    /// <summary>The same rules for a store key, which may be up to <see cref="MaxKeyLength"/> characters long.</summary>
    public static string? ValidateKey(string? key) => ArtifactPaths.Validate(key, MaxKeyLength);

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
}
