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

    internal bool UsesS3 => string.Equals(Store?.Trim(), S3Store, StringComparison.OrdinalIgnoreCase);
}
