namespace ExperimentHub.Core.Spaces;

/// <summary>A parameter is active only when <see cref="Parent"/> takes one of <see cref="Values"/>.</summary>
public sealed record ParameterCondition(string Parent, IReadOnlyList<object> Values)
{
    public bool IsMetBy(object? parentValue) =>
        parentValue is not null && Values.Any(v => ParameterValues.AreEqual(v, parentValue));
}
