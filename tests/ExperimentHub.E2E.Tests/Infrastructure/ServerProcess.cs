using System.Collections.Concurrent;
using System.Diagnostics;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>
/// The real server as a child process (the built apphost, not an in-memory host) on a free 127.0.0.1 port with its
/// own data folder and admin key; started when /healthz answers, killed with its process tree on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly bool _ownsDataDir;

    private ServerProcess(Process process, string baseUrl, string dataDir, string adminApiKey, bool ownsDataDir)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDir = dataDir;
        AdminApiKey = adminApiKey;
        _ownsDataDir = ownsDataDir;
    }

    public string BaseUrl { get; }

    public Uri BaseUri => new(BaseUrl + "/");

    public string DataDir { get; }

    public string AdminApiKey { get; }

    public int ProcessId => _process.Id;

    /// <summary>The port it listens on, to start it again at the same address.</summary>
    public int Port => new Uri(BaseUrl).Port;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server printed, for failure messages.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output.TakeLast(80));

    public static async Task<ServerProcess> StartAsync(ServerOptions? options = null)
    {
        options ??= new ServerOptions();
        var ownsDataDir = options.DataDir is null;
        var dataDir = options.DataDir ?? Directory.CreateTempSubdirectory("ehub-e2e-").FullName;
        var port = options.Port ?? FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var adminKey = options.AdminApiKey ?? "ehk_e2e_" + Guid.NewGuid().ToString("N");

        var executable = RepoPaths.ServerExecutable;
        var info = new ProcessStartInfo
        {
            FileName = executable.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : executable,
            WorkingDirectory = RepoPaths.ServerOutputDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable.EndsWith(".dll", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(executable);
        }
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ExperimentHub__DataDir"] = dataDir;
        info.Environment["ExperimentHub__Bootstrap__AdminApiKey"] = adminKey;
        info.Environment["ExperimentHub__LocalAgent__Slots"] = options.LocalAgentSlots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["ExperimentHub__Demo__Seed"] = options.SeedDemo ? "true" : "false";
        foreach (var (key, value) in options.Settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, baseUrl, dataDir, adminKey, ownsDataDir);
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {executable}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The server exited with code {process.ExitCode}:{Environment.NewLine}{server.OutputTail}");
                }
                using var response = await http.GetAsync(new Uri(baseUrl + "/healthz"));
                return response.IsSuccessStatusCode;
            }, $"the server at {baseUrl} to answer /healthz", StartTimeout);
        }
        catch (Exception ex)
        {
            var tail = server.OutputTail;
            await server.DisposeAsync();
            throw new InvalidOperationException($"The server did not start: {ex.Message}{Environment.NewLine}{tail}", ex);
        }
        return server;
    }

    /// <summary>An HTTP client on the server with the admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminApiKey);
        return client;
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would; the data folder stays.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
        if (_ownsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is cleaned by the OS later.
            }
        }
    }
}
