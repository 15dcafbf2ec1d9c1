using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs;

/// <summary>Collects every error of one parse, so that a spec is refused once with all its problems.</summary>
internal sealed class SpecErrorList
{
    private readonly List<SpecError> _errors = [];

    public IReadOnlyList<SpecError> Errors => _errors;

    public int Count => _errors.Count;

    public void Add(string path, string message, SpecNode? at) =>
        _errors.Add(new SpecError(path, message, at?.Line, at?.Column));

    public void Add(string path, string message, int? line, int? column) =>
        _errors.Add(new SpecError(path, message, line, column));
}
