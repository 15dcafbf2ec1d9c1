namespace ExperimentHub.Core.Specs;

/// <summary>Bounds on what a submitted spec may be, so that a hostile document cannot exhaust the server.</summary>
public static class SpecLimits
{
    /// <summary>The largest spec text, in UTF-8 bytes.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The most nodes (mappings, lists, scalars) a spec may hold, counting every alias as the nodes it stands for.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>The most alias references (<c>*name</c>) in one YAML spec.</summary>
    public const int MaxAliases = 100;

    /// <summary>The deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The most points a grid may have (the product of its axes' value counts, each conditional branch counted once),
    /// the same as the largest trial budget: a grid is sized from the counts before any value is made.
    /// </summary>
    public const long MaxGridPoints = 1_000_000;

    /// <summary>The longest duration a spec may give (<c>trial.timeout_minutes</c>, <c>budget.minutes</c>): one year.</summary>
    public const double MaxMinutes = 525_600;
}
