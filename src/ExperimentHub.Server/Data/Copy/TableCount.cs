namespace ExperimentHub.Server.Data.Copy;

/// <summary>One table's rows in the source and the target of a copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}
