namespace ExperimentHub.Core.Importance;

/// <param name="Trees">Trees in the forest; their importances are averaged.</param>
/// <param name="Seed">The seed of the bootstrap samples: the same trials and seed give the same importances.</param>
/// <param name="MaxSamplesPerTree">Rows drawn per tree, so that sweeps of many thousand trials stay quick.</param>
/// <param name="MinSamplesLeaf">Rows a leaf must hold.</param>
/// <param name="MaxDepth">The deepest a tree grows.</param>
public sealed record ImportanceOptions(int Trees = 64, int Seed = 0, int MaxSamplesPerTree = 2000, int MinSamplesLeaf = 1, int MaxDepth = 32);
