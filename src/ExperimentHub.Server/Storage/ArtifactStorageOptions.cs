namespace ExperimentHub.Server.Storage;

/// <summary>Where artifacts are kept, bound from <c>ExperimentHub:Artifacts</c>.</summary>
public sealed class ArtifactStorageOptions
{
    public const string SectionName = "ExperimentHub:Artifacts";
    public const string LocalStore = "local";
    public const string S3Store = "s3";

    /// <summary><c>local</c> (default) or <c>s3</c>.</summary>
    public string Store { get; set; } = LocalStore;

    public LocalArtifactStoreOptions Local { get; set; } = new();

    public S3ArtifactStoreOptions S3 { get; set; } = new();

    /// <summary>The most bytes of artifacts one run may hold (a replaced artifact counts once); 0 means no limit.</summary>
    public long MaxBytesPerRun { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>The most bytes of artifacts all runs of one project may hold together; 0 means no limit.</summary>
    public long MaxBytesPerProject { get; set; } = 100L * 1024 * 1024 * 1024;

    internal bool UsesS3 => string.Equals(Store?.Trim(), S3Store, StringComparison.OrdinalIgnoreCase);
}
