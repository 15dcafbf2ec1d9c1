using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Storage;

public static class StorageExtensions
{
    /// <summary>The artifact store chosen by configuration: local files (default) or S3.</summary>
    public static WebApplicationBuilder AddArtifactStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddArtifactStorage();
        return builder;
    }

    /// <summary>
    /// Binds and validates <see cref="ArtifactStorageOptions"/> from <c>ExperimentHub:Artifacts</c> (checked at start)
    /// and registers the chosen store as the singleton <see cref="IArtifactStore"/>.
    /// </summary>
    public static IServiceCollection AddArtifactStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ArtifactStorageOptions>()
            .BindConfiguration(ArtifactStorageOptions.SectionName)
            .PostConfigure<IConfiguration>(static (options, configuration) =>
            {
                if (options.Local.Root is null)
                {
                    var dataDir = configuration["ExperimentHub:DataDir"];
                    options.Local.Root = Path.Combine(string.IsNullOrWhiteSpace(dataDir) ? "./data" : dataDir, "artifacts");
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArtifactStorageOptions>, ArtifactStorageOptionsValidator>();
        services.AddSingleton<ArtifactUploads>();
        services.AddSingleton<IArtifactStore>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<ArtifactStorageOptions>>();
            return options.Value.UsesS3
                ? new S3ArtifactStore(options, provider.GetRequiredService<ILogger<S3ArtifactStore>>())
                : new LocalArtifactStore(options);
        });
        return services;
    }
}
