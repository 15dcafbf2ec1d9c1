namespace ExperimentHub.Core.Specs;

/// <summary>
/// The outcome of parsing a spec: the spec when it is valid, otherwise every error found. <see cref="Source"/> keeps
/// the text as submitted, so the server can store and show it unchanged.
/// </summary>
public sealed record SweepSpecParseResult
{
    public SweepSpec? Spec { get; init; }
    public IReadOnlyList<SpecError> Errors { get; init; } = [];
    public required string Source { get; init; }
    public required SpecFormat Format { get; init; }

    /// <summary>The text was seed 000's JSON job (recognised by its keys) and <see cref="Spec"/> is its translation.</summary>
    public bool IsSeedJob { get; init; }

    public bool IsValid => Spec is not null && Errors.Count == 0;

    /// <summary>The spec, or an exception listing every error.</summary>
    public SweepSpec GetSpecOrThrow() =>
        IsValid ? Spec! : throw new SweepSpecException(Errors);
}
