using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Compute;

/// <summary>The backends that start capacity, by kind; agents (today's behaviour) has none and is always usable.</summary>
public sealed class ComputeBackends(IEnumerable<IComputeBackend> backends)
{
    private readonly Dictionary<ComputeBackend, IComputeBackend> _byKind = backends.ToDictionary(b => b.Kind);

    public IEnumerable<IComputeBackend> All => _byKind.Values;

    public IComputeBackend? Find(ComputeBackend kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>Null when a sweep may ask for <paramref name="kind"/>; else why not, naming the setting.</summary>
    public string? ProblemWith(ComputeBackend kind) => kind == ComputeBackend.Agents
        ? null
        : Find(kind) is { } backend ? backend.ConfigurationProblem : $"the {kind.ToString().ToLowerInvariant()} backend is not available on this server";

    /// <summary>The backends whose settings are complete: only those are asked about their instances.</summary>
    public IEnumerable<IComputeBackend> Configured => _byKind.Values.Where(b => b.ConfigurationProblem is null);
}
