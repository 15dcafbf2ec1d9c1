using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Server.Storage;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>
/// A real s3rver (eng/test-tools/node_modules/s3rver) on 127.0.0.1 and a free port, over a temporary folder, for the
/// length of a test class or collection. Runs <c>npm ci</c> first when the package is missing; killed at the end.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    /// <summary>s3rver's built-in account.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    public const string Region = "us-east-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TemporaryDirectory? _directory;
    private Process? _process;

    /// <summary>The endpoint, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public int Port { get; private set; }

    /// <summary>The folder s3rver keeps buckets in.</summary>
    public string DataDirectory => _directory?.Path ?? throw new InvalidOperationException("s3rver has not started.");

    /// <summary>What s3rver printed so far (one line per request answered: method, path and query, status), ANSI colours removed.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>A bucket name no other test uses.</summary>
    public static string UniqueBucketName(string hint = "test") =>
        $"{hint.ToLowerInvariant()}-{Guid.NewGuid():N}"[..Math.Min(63, hint.Length + 33)];

    /// <summary>Options for an <see cref="S3ArtifactStore"/> against this server, creating the bucket on first use.</summary>
    public S3ArtifactStoreOptions StoreOptions(string bucket, string? prefix = null, int partSizeMiB = S3ArtifactStoreOptions.MinPartSizeMiB) => new()
    {
        ServiceUrl = ServiceUrl,
        Region = Region,
        Bucket = bucket,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        ForcePathStyle = true,
        Prefix = prefix,
        CreateBucketIfMissing = true,
        PartSizeMiB = partSizeMiB,
    };

    /// <summary>The same as configuration keys, for a <c>WebApplicationFactory</c> or a host builder.</summary>
    public Dictionary<string, string?> Configuration(string bucket, string? prefix = null) => new()
    {
        [$"{ArtifactStorageOptions.SectionName}:Store"] = ArtifactStorageOptions.S3Store,
        [$"{ArtifactStorageOptions.SectionName}:S3:ServiceUrl"] = ServiceUrl,
        [$"{ArtifactStorageOptions.SectionName}:S3:Region"] = Region,
        [$"{ArtifactStorageOptions.SectionName}:S3:Bucket"] = bucket,
        [$"{ArtifactStorageOptions.SectionName}:S3:AccessKey"] = AccessKey,
        [$"{ArtifactStorageOptions.SectionName}:S3:SecretKey"] = SecretKey,
        [$"{ArtifactStorageOptions.SectionName}:S3:ForcePathStyle"] = "true",
        [$"{ArtifactStorageOptions.SectionName}:S3:Prefix"] = prefix,
        [$"{ArtifactStorageOptions.SectionName}:S3:CreateBucketIfMissing"] = "true",
    };

    public async Task InitializeAsync()
    {
        var script = await EnsureInstalledAsync();
        _directory = new TemporaryDirectory("s3rver");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.TestTools,
        };
        foreach (var argument in new[] { script, "--directory", _directory.Path, "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Cannot start s3rver: 'node' is not on PATH (Node.js 20 or later is needed).", e);
        }

        _process.EnableRaisingEvents = true;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException(
            $"s3rver exited with code {_process.ExitCode} before it listened:{Environment.NewLine}{string.Join(Environment.NewLine, _log)}"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            Port = await _listening.Task.WaitAsync(timeout.Token);
            ServiceUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");
            await WaitUntilAnsweringAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            throw new TimeoutException(
                $"s3rver did not answer within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{string.Join(Environment.NewLine, _log)}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }

            _process.Dispose();
        }

        _directory?.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        line = AnsiEscape().Replace(line, string.Empty);
        _log.Enqueue(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // Any HTTP answer will do (an unsigned request gets 403): the server is up. A refused connection is retried.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await http.GetAsync(new Uri(ServiceUrl + "/"));
            return true;
        }, "s3rver to answer", StartTimeout);
    }

    /// <summary>The path of s3rver's command script, after <c>npm ci</c> in eng/test-tools if it is missing.</summary>
    private static async Task<string> EnsureInstalledAsync()
    {
        var script = Path.Combine(RepositoryPaths.TestTools, "node_modules", "s3rver", "bin", "s3rver.js");
        if (File.Exists(script))
        {
            return script;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(script))
            {
                await RunNpmCiAsync();
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"npm ci in {RepositoryPaths.TestTools} finished, but {script} is still missing.");
    }

    private static async Task RunNpmCiAsync()
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = RepositoryPaths.TestTools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"s3rver is not installed and 'npm' is not on PATH: run 'npm ci' in {RepositoryPaths.TestTools} (eng/test.sh does).", e);
        }

        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(InstallTimeout);
            try
            {
                await npm.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                throw new TimeoutException($"npm ci in {RepositoryPaths.TestTools} took over {InstallTimeout.TotalMinutes} minutes.");
            }

            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"npm ci in {RepositoryPaths.TestTools} failed with exit code {npm.ExitCode}:{Environment.NewLine}{await output}{await errors}");
            }
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"S3rver listening on [^\s:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
