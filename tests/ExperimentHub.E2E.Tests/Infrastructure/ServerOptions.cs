namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>How to start a <see cref="ServerProcess"/>; settings are passed as ExperimentHub__* variables.</summary>
public sealed record ServerOptions
{
    /// <summary>A fresh temporary folder when null; pass one to restart a server on the same data.</summary>
    public string? DataDir { get; init; }

    public int? Port { get; init; }

    /// <summary>A fresh random key when null; pass the old one to restart a server that agents and clients know.</summary>
    public string? AdminApiKey { get; init; }

    public int LocalAgentSlots { get; init; }

    public bool SeedDemo { get; init; }

    /// <summary>More configuration, as keys like <c>ExperimentHub:Dispatch:LeaseSeconds</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
