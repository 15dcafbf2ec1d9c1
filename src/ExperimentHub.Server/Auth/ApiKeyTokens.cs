using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Key text and its stored form. A key reads <c>ehk_&lt;public id&gt;_&lt;secret&gt;</c> (run tokens <c>ehr_...</c>): the
/// public id (12 characters, not secret) finds the row and is shown in lists; the secret is 32 bytes (256 bits) from the
/// system's CSPRNG in base64url, and only its SHA-256 is stored. No salt and no slow hash: those protect guessable
/// secrets (passwords) against dictionaries and brute force, and nobody can enumerate 2^256 secrets, so a stolen
/// database still gives no key. Keeping the id out of the hashed part means the shown prefix reveals none of the secret
/// (keys made before version 5 hashed their whole text and showed its first 10 characters).
/// </summary>
public static class ApiKeyTokens
{
    public const string KeyPrefix = "ehk_";
    public const string RunPrefix = "ehr_";
    public const int PublicIdLength = 12;
    public const int SecretBytes = 32;

    // Lower-case letters and digits without look-alikes: easy to read out and never '_' (the separator).
    private const string PublicIdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>A new user, admin or agent key. Only <see cref="ApiKeyIssuer"/> (and benchmarks seeding a store) make keys.</summary>
    internal static GeneratedKey NewKey() => Generate(KeyPrefix);

    internal static GeneratedKey NewRunToken() => Generate(RunPrefix);

    /// <summary>Splits <c>ehk_&lt;id&gt;_&lt;secret&gt;</c> or <c>ehr_...</c>; false for any other text (old keys, the bootstrap key).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out string? publicId, [NotNullWhen(true)] out string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        publicId = null;
        secret = null;
        var head = KeyPrefix.Length;
        if (text.Length <= head + PublicIdLength + 1
            || !(text.StartsWith(KeyPrefix, StringComparison.Ordinal) || text.StartsWith(RunPrefix, StringComparison.Ordinal))
            || text[head + PublicIdLength] != '_')
        {
            return false;
        }
        var id = text.AsSpan(head, PublicIdLength);
        foreach (var c in id)
        {
            if (!PublicIdAlphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        publicId = id.ToString();
        secret = text[(head + PublicIdLength + 1)..];
        return true;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Whether <paramref name="secret"/> hashes to <paramref name="storedHash"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>What lists show of a key: its prefix and public id, none of the secret.</summary>
    public static string DisplayPrefix(string prefix, string publicId) => prefix + publicId;

    /// <summary>The key in an <c>Authorization: Bearer &lt;key&gt;</c> header; null when the header is not of that form.</summary>
    public static string? FromBearerHeader(string? header) =>
        header is { Length: > 7 } && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    private static GeneratedKey Generate(string prefix)
    {
        var publicId = RandomNumberGenerator.GetString(PublicIdAlphabet, PublicIdLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new GeneratedKey($"{prefix}{publicId}_{secret}", DisplayPrefix(prefix, publicId), publicId, Hash(secret));
    }
}
