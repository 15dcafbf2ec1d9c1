using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Storage;

/// <summary>Checks the artifact settings at start, with messages that name the setting at fault.</summary>
public sealed class ArtifactStorageOptionsValidator : IValidateOptions<ArtifactStorageOptions>
{
    private const string Section = ArtifactStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ArtifactStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var store = options.Store?.Trim();
        if (string.Equals(store, ArtifactStorageOptions.LocalStore, StringComparison.OrdinalIgnoreCase))
        {
            ValidateLocal(options.Local, failures);
        }
        else if (string.Equals(store, ArtifactStorageOptions.S3Store, StringComparison.OrdinalIgnoreCase))
        {
            ValidateS3(options.S3, failures);
        }
        else
        {
            failures.Add($"{Section}:Store is '{options.Store}'; it must be 'local' or 's3'.");
        }

        if (options.MaxBytesPerRun < 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:MaxBytesPerRun is {options.MaxBytesPerRun}; it must be 0 (no limit) or more."));
        }
        if (options.MaxBytesPerProject < 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:MaxBytesPerProject is {options.MaxBytesPerProject}; it must be 0 (no limit) or more."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateLocal(LocalArtifactStoreOptions local, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(local.Root))
        {
            failures.Add($"{Section}:Local:Root is empty; set a folder or leave it out to use <ExperimentHub:DataDir>/artifacts.");
            return;
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(local.Root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            failures.Add($"{Section}:Local:Root '{local.Root}' is not a valid folder path: {e.Message}");
            return;
        }

        if (local.Root.Contains('\0', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:Local:Root contains a NUL character.");
        }
        else if (File.Exists(fullPath))
        {
            failures.Add($"{Section}:Local:Root '{fullPath}' is a file, not a folder.");
        }
    }

    private static void ValidateS3(S3ArtifactStoreOptions s3, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            failures.Add($"{Section}:S3:Bucket is required when {Section}:Store is 's3'.");
        }
        else if (BucketNameProblem(s3.Bucket) is { } problem)
        {
            failures.Add($"{Section}:S3:Bucket '{s3.Bucket}' is not a valid bucket name: {problem}");
        }

        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:S3:ServiceUrl '{s3.ServiceUrl}' is not an absolute http:// or https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            failures.Add($"{Section}:S3:Region is empty; use the bucket's region (any name, such as us-east-1, for other S3 servers).");
        }

        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            failures.Add($"{Section}:S3:AccessKey and {Section}:S3:SecretKey go together: set both, or neither to use the AWS default credentials.");
        }

        if (s3.PartSizeMiB is < S3ArtifactStoreOptions.MinPartSizeMiB or > S3ArtifactStoreOptions.MaxPartSizeMiB)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Section}:S3:PartSizeMiB is {s3.PartSizeMiB}; S3 parts are {S3ArtifactStoreOptions.MinPartSizeMiB} to {S3ArtifactStoreOptions.MaxPartSizeMiB} MiB."));
        }

        var prefix = s3.Prefix?.Trim('/');
        if (!string.IsNullOrEmpty(prefix) && ArtifactKeys.Validate(prefix) is { } prefixProblem)
        {
            failures.Add($"{Section}:S3:Prefix '{s3.Prefix}' is not usable: {prefixProblem}");
        }
    }

    /// <summary>The S3 bucket naming rules that every S3-compatible server shares.</summary>
    internal static string? BucketNameProblem(string bucket)
    {
        if (bucket.Length is < 3 or > 63)
        {
            return "it must be 3 to 63 characters long.";
        }

        foreach (var c in bucket)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-'))
            {
                return "only lowercase letters, digits, '.' and '-' are allowed.";
            }
        }

        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            return "it must begin and end with a letter or a digit.";
        }

        if (bucket.Contains("..", StringComparison.Ordinal))
        {
            return "it must not contain two dots in a row.";
        }

        return IPAddress.TryParse(bucket, out _) ? "it must not look like an IP address." : null;
    }
}
