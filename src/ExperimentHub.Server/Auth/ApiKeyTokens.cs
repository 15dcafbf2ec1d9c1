using System.Security.Cryptography;
using System.Text;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Key text and its stored form. A key is 32 random bytes (256 bits) in base64url behind a readable prefix, so
/// SHA-256 alone protects it at rest: there is nothing to guess that a slow hash would protect further.
/// </summary>
public static class ApiKeyTokens
{
    public const string AdminPrefix = "ehk_";
    public const string RunPrefix = "ehr_";
    public const int DisplayPrefixLength = 10;

    /// <summary>Only <see cref="ApiKeyIssuer"/> makes keys: it stores them as well.</summary>
    internal static string NewAdminKey() => AdminPrefix + RandomPart();

    internal static string NewRunToken() => RunPrefix + RandomPart();

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public static string DisplayPrefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= DisplayPrefixLength ? key : key[..DisplayPrefixLength];
    }

    private static string RandomPart() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
