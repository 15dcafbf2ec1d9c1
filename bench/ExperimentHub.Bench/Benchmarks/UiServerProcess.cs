using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The real server for the ui bench: the Server project's own build output started as a child process (not an
/// in-process host, so the browser meets exactly what users run) on a free 127.0.0.1 port, with a temporary data
/// folder, a bootstrap admin key, no local agent and no demo data. Killed with its process tree on dispose.
/// </summary>
internal sealed class UiServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private UiServerProcess(Process process, Uri baseUri, string dataDir, string adminKey)
    {
        _process = process;
        BaseUri = baseUri;
        DataDir = dataDir;
        AdminKey = adminKey;
    }

    public Uri BaseUri { get; }

    public string DataDir { get; }

    public string AdminKey { get; }

    public string DatabasePath => Path.Combine(DataDir, "experimenthub.db");

    /// <summary>The last lines the server printed, for error messages.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output.TakeLast(60));

    /// <summary>
    /// The Server project's build output for this bench's configuration, framework and runtime (the bench references
    /// the Server project, so building the bench builds it): …/src/ExperimentHub.Server/bin/Release/net9.0/linux-x64/.
    /// </summary>
    public static string DefaultServerDirectory()
    {
        var benchOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var root = UiPaths.RepositoryRoot;
        var relative = Path.GetRelativePath(Path.Combine(root, "bench", "ExperimentHub.Bench", "bin"), benchOutput);
        return Path.Combine(root, "src", "ExperimentHub.Server", "bin", relative);
    }

    public static async Task<UiServerProcess> StartAsync(string serverDirectory, CancellationToken cancellationToken)
    {
        var apphost = Path.Combine(serverDirectory, OperatingSystem.IsWindows() ? "ExperimentHub.Server.exe" : "ExperimentHub.Server");
        var dll = Path.Combine(serverDirectory, "ExperimentHub.Server.dll");
        if (!File.Exists(apphost) && !File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"--server-dir: the server is not built at {serverDirectory}; build bench/ExperimentHub.Bench (it builds the server) or pass the folder of a built server.");
        }
        var dataDir = Directory.CreateTempSubdirectory("ehub-ui-bench-").FullName;
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var adminKey = "ehk_uibench_" + Guid.NewGuid().ToString("N");

        var info = new ProcessStartInfo
        {
            FileName = File.Exists(apphost) ? apphost : "dotnet",
            WorkingDirectory = serverDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!File.Exists(apphost))
        {
            info.ArgumentList.Add(dll);
        }
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUri.GetLeftPart(UriPartial.Authority));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ExperimentHub__DataDir"] = dataDir;
        info.Environment["ExperimentHub__Bootstrap__AdminApiKey"] = adminKey;
        info.Environment["ExperimentHub__LocalAgent__Slots"] = "0";
        info.Environment["ExperimentHub__Demo__Seed"] = "false";
        // Request logs at Information would cost the server time the page load is measured with.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new UiServerProcess(process, baseUri, dataDir, adminKey);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start the server at {info.FileName}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitForHealthAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before answering /healthz:{Environment.NewLine}{OutputTail}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer; ask again.
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The server at {BaseUri} did not answer /healthz within {StartTimeout.TotalSeconds:F0} s:{Environment.NewLine}{OutputTail}");
            }
            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; left for the temp cleaner.
        }
    }
}
