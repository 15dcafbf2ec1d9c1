namespace ExperimentHub.Core.Specs;

/// <summary>The targets of a notification list, or every error in it (then no targets).</summary>
public sealed record NotifyListParseResult(IReadOnlyList<NotifyTarget> Targets, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
