namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>
/// Keys that must be refused everywhere, the agent hub included. Each entry is a kind and a key; keys that only a
/// running server can make (expired, revoked, an ended run's token, another run's token) are added with
/// <see cref="With"/>, and every endpoint and the hub are tried with each.
/// </summary>
public sealed class HostileKeys
{
    private readonly List<(string Kind, string? Key)> _keys =
    [
        ("no key", null),
        ("forged key", "ehk_" + new string('A', 40)),
        ("forged admin-like key", "test-admin-key-0123456789abcdeX"),
        ("empty key", ""),
        ("sql injection key", "' OR '1'='1' --"),
        ("very long key", new string('k', 8_000)),
        ("non-ascii key", "clé-ключ-鍵"),
        ("truncated admin key", "test-admin-key"),
    ];

    public IReadOnlyList<(string Kind, string? Key)> All => _keys;

    public HostileKeys With(string kind, string key)
    {
        _keys.Add((kind, key));
        return this;
    }
}
