namespace ExperimentHub.Server.Storage;

public static class StorageExtensions
{
    /// <summary>The artifact store chosen by configuration: local files (default) or S3.</summary>
    public static WebApplicationBuilder AddArtifactStorage(this WebApplicationBuilder builder) => builder;
}
