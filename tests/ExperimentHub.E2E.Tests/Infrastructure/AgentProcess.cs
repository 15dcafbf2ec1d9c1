using System.Diagnostics;
using System.Globalization;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>
/// A real <c>ehub agent</c> process connected to a server (<c>--server URL --api-key KEY --slots N --gpus none
/// --workdir DIR</c>); killed with its trials' processes on dispose.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;

    private readonly string? _ownedWorkdir;

    private AgentProcess(Process process, CapturedOutput output, string? ownedWorkdir)
    {
        _process = process;
        _output = output;
        _ownedWorkdir = ownedWorkdir;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string OutputTail => _output.Tail;

    public static AgentProcess Start(ServerProcess server, AgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= new AgentOptions();
        var owned = options.Workdir is null ? Directory.CreateTempSubdirectory("ehub-agent-").FullName : null;
        string[] arguments =
        [
            "agent",
            "--server", server.BaseUrl,
            "--api-key", server.AdminApiKey,
            "--slots", options.Slots.ToString(CultureInfo.InvariantCulture),
            "--gpus", "none",
            "--workdir", options.Workdir ?? owned!,
            .. options.Arguments,
        ];
        var (process, output) = EhubCli.Start(new Dictionary<string, string>(), arguments);
        return new AgentProcess(process, output, owned);
    }

    /// <summary>SIGKILL to the agent and the trials it runs, as when its machine dies: no goodbye to the server.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
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
            // Already gone.
        }
        _process.Dispose();
        if (_ownedWorkdir is not null)
        {
            try
            {
                Directory.Delete(_ownedWorkdir, recursive: true);
            }
            catch (IOException)
            {
                // A trial's file still open; the temp folder is cleaned by the OS later.
            }
        }
    }
}
