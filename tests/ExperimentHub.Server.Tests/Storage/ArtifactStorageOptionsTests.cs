using ExperimentHub.Server.Storage;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Tests.Storage;

public sealed class ArtifactStorageOptionsTests : IDisposable
{
    private const string Section = ArtifactStorageOptions.SectionName;
    private readonly TemporaryDirectory _directory = new("options");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Defaults_are_a_local_store_under_the_data_folder()
    {
        using var provider = Services(new() { ["ExperimentHub:DataDir"] = _directory.Path });

        var options = provider.GetRequiredService<IOptions<ArtifactStorageOptions>>().Value;
        var store = Assert.IsType<LocalArtifactStore>(provider.GetRequiredService<IArtifactStore>());

        Assert.Equal(ArtifactStorageOptions.LocalStore, options.Store);
        Assert.Equal(Path.Combine(_directory.Path, "artifacts"), store.Root);
        Assert.Equal(16, options.S3.PartSizeMiB);
        Assert.Equal("us-east-1", options.S3.Region);
    }

    [Fact]
    public void Without_a_data_folder_the_root_is_data_artifacts()
    {
        using var provider = Services([]);

        var options = provider.GetRequiredService<IOptions<ArtifactStorageOptions>>().Value;

        Assert.Equal(Path.Combine("./data", "artifacts"), options.Local.Root);
    }

    [Fact]
    public void Local_root_setting_wins_over_the_data_folder()
    {
        var root = _directory.Combine("elsewhere");
        using var provider = Services(new() { ["ExperimentHub:DataDir"] = _directory.Path, [$"{Section}:Local:Root"] = root });

        var store = Assert.IsType<LocalArtifactStore>(provider.GetRequiredService<IArtifactStore>());

        Assert.Equal(root, store.Root);
        Assert.Same(store, provider.GetRequiredService<IArtifactStore>());
    }

    [Fact]
    public void S3_settings_bind_and_choose_the_S3_store()
    {
        using var provider = Services(new()
        {
            [$"{Section}:Store"] = "S3",
            [$"{Section}:S3:ServiceUrl"] = "http://127.0.0.1:9000",
            [$"{Section}:S3:Region"] = "eu-west-1",
            [$"{Section}:S3:Bucket"] = "team-artifacts",
            [$"{Section}:S3:AccessKey"] = "key",
            [$"{Section}:S3:SecretKey"] = "secret",
            [$"{Section}:S3:ForcePathStyle"] = "true",
            [$"{Section}:S3:Prefix"] = "hub/",
            [$"{Section}:S3:CreateBucketIfMissing"] = "true",
            [$"{Section}:S3:PartSizeMiB"] = "64",
        });

        var s3 = provider.GetRequiredService<IOptions<ArtifactStorageOptions>>().Value.S3;
        var store = Assert.IsType<S3ArtifactStore>(provider.GetRequiredService<IArtifactStore>());

        Assert.Equal(("http://127.0.0.1:9000", "eu-west-1", "team-artifacts"), (s3.ServiceUrl, s3.Region, s3.Bucket));
        Assert.Equal(("key", "secret", true, true, 64), (s3.AccessKey, s3.SecretKey, s3.ForcePathStyle, s3.CreateBucketIfMissing, s3.PartSizeMiB));
        Assert.Equal("hub/model.bin", store.ObjectKey("model.bin"));
    }

    [Fact]
    public void S3_without_a_bucket_is_refused_naming_the_setting()
    {
        using var provider = Services(new() { [$"{Section}:Store"] = "s3" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ArtifactStorageOptions>>().Value);

        Assert.Contains("ExperimentHub:Artifacts:S3:Bucket is required when ExperimentHub:Artifacts:Store is 's3'.", error.Failures);
    }

    [Fact]
    public async Task Bad_settings_stop_the_host_at_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{Section}:Store"] = "ftp" });
        builder.Services.AddArtifactStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ExperimentHub:Artifacts:Store is 'ftp'; it must be 'local' or 's3'.", error.Failures);
    }

    [Theory]
    [InlineData("Bucket", "ab", "3 to 63 characters")]
    [InlineData("Bucket", "Team_Artifacts", "only lowercase letters")]
    [InlineData("Bucket", "-team", "begin and end")]
    [InlineData("Bucket", "team..artifacts", "two dots")]
    [InlineData("Bucket", "192.168.1.1", "IP address")]
    [InlineData("ServiceUrl", "localhost:9000", "ServiceUrl 'localhost:9000' is not an absolute http:// or https:// URL")]
    [InlineData("ServiceUrl", "ftp://host", "not an absolute http:// or https:// URL")]
    [InlineData("Region", " ", "S3:Region is empty")]
    [InlineData("PartSizeMiB", "4", "PartSizeMiB is 4; S3 parts are 5 to 5120 MiB")]
    [InlineData("PartSizeMiB", "6000", "PartSizeMiB is 6000")]
    [InlineData("Prefix", "a/../b", "S3:Prefix 'a/../b' is not usable")]
    [InlineData("AccessKey", "only-the-key", "AccessKey and ExperimentHub:Artifacts:S3:SecretKey go together")]
    public void Bad_S3_settings_are_refused_naming_the_setting(string setting, string value, string expected)
    {
        var options = new ArtifactStorageOptions { Store = "s3", S3 = { Bucket = "artifacts" } };
        typeof(S3ArtifactStoreOptions).GetProperty(setting)!.SetValue(options.S3,
            setting == "PartSizeMiB" ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        var result = new ArtifactStorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new ArtifactStorageOptions { Store = "s3", S3 = { Bucket = null, PartSizeMiB = 1, ServiceUrl = "nope" } };

        var result = new ArtifactStorageOptionsValidator().Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
    }

    [Theory]
    [InlineData("local")]
    [InlineData("LOCAL")]
    [InlineData(" s3 ")]
    public void Store_names_are_case_insensitive(string store)
    {
        var options = new ArtifactStorageOptions { Store = store, Local = { Root = _directory.Path }, S3 = { Bucket = "artifacts" } };

        Assert.True(new ArtifactStorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task Local_root_that_is_a_file_is_refused()
    {
        var file = _directory.Combine("not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var options = new ArtifactStorageOptions { Local = { Root = file } };

        var result = new ArtifactStorageOptionsValidator().Validate(null, options);

        Assert.Contains("is a file, not a folder", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_local_root_is_refused()
    {
        var options = new ArtifactStorageOptions { Local = { Root = "  " } };

        var result = new ArtifactStorageOptionsValidator().Validate(null, options);

        Assert.Contains("Local:Root is empty", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddArtifactStorage();
        return services.BuildServiceProvider();
    }
}
