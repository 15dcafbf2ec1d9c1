namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// The tests with real servers and agents run one at a time: each starts its own processes, and several clusters
/// at once on a small machine would turn lease and heartbeat timing into noise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}
