namespace ExperimentHub.Server.Storage;

/// <summary>The folder store, <c>ExperimentHub:Artifacts:Local</c>.</summary>
public sealed class LocalArtifactStoreOptions
{
    /// <summary>The folder that holds the artifacts; empty means <c>&lt;ExperimentHub:DataDir&gt;/artifacts</c>.</summary>
    public string? Root { get; set; }
}
