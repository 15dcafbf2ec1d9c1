using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Detection;

/// <summary>
/// One hyperparameter found in a training script: where its value is written, what it configures, the value the
/// script was written with and the range proposed for it (from the metadata table, widened to hold that value).
/// </summary>
/// <param name="Name">The parameter's name in the spec and in <c>EXPERIMENTHUB_PARAMS</c>.</param>
/// <param name="Layer">The layer, optimizer, estimator or method whose argument it is (<c>Dense</c>, <c>fit</c>).</param>
/// <param name="Argument">The argument's name in the table (<c>units</c>, <c>lr</c>).</param>
/// <param name="Framework"><c>keras</c>, <c>pytorch</c> or <c>scikit-learn</c>.</param>
/// <param name="Value">The original value: a long, double, string or bool.</param>
/// <param name="Line">The 1-based line where the value is written (the variable's assignment, when it is held in one).</param>
/// <param name="Source">That line's text, trimmed.</param>
/// <param name="Variable">The variable or function parameter that holds the value, or null when it is written in the call.</param>
/// <param name="Uses">The lines of the calls that use it.</param>
/// <param name="Values">The choices of a categorical parameter; empty otherwise.</param>
public sealed record DetectedParameter(
    string Name,
    string Layer,
    string Argument,
    string Framework,
    object Value,
    int Line,
    int Column,
    string Source,
    string? Variable,
    IReadOnlyList<int> Uses,
    ParameterKind Kind,
    double? Min,
    double? Max,
    bool Log,
    IReadOnlyList<object> Values);
