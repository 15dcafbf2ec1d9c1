namespace ExperimentHub.Server.Data.Services;

/// <summary>What a batch did: points new to the run, and points that replaced a stored (key, step).</summary>
public readonly record struct IngestResult(bool RunFound, int Inserted, int Replaced)
{
    /// <summary>The run had ended, so nothing was stored.</summary>
    public bool RunEnded { get; init; }
}
