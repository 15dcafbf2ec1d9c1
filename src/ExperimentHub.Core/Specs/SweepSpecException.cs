namespace ExperimentHub.Core.Specs;

/// <summary>Thrown by <see cref="SweepSpecParseResult.GetSpecOrThrow"/>: the spec is invalid, for these reasons.</summary>
public sealed class SweepSpecException : Exception
{
    public SweepSpecException(IReadOnlyList<SpecError> errors)
        : base("The sweep spec is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public SweepSpecException()
        : this([])
    {
    }

    public SweepSpecException(string message)
        : base(message)
    {
        Errors = [new SpecError("", message)];
    }

    public SweepSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new SpecError("", message)];
    }

    public IReadOnlyList<SpecError> Errors { get; }
}
