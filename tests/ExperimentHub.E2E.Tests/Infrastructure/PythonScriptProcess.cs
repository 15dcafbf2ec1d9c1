using System.Diagnostics;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>
/// A Python script using the repository's client (clients/python) against a server, as a training script would run;
/// it reads its standard input, so a test can hold it at a point and let it go on.
/// </summary>
public sealed class PythonScriptProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CapturedOutput _output;

    private PythonScriptProcess(Process process, CapturedOutput output)
    {
        _process = process;
        _output = output;
    }

    public string OutputTail => _output.Tail;

    public static PythonScriptProcess Start(ServerProcess server, string script, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(server);
        var clientDir = Path.Combine(RepoPaths.Root, "clients", "python");
        var info = new ProcessStartInfo("python3")
        {
            WorkingDirectory = clientDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PYTHONPATH"] = clientDir;
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["EXPERIMENTHUB_API_URL"] = server.BaseUrl;
        info.Environment["EXPERIMENTHUB_API_KEY"] = server.AdminApiKey;
        var process = new Process { StartInfo = info };
        var output = new CapturedOutput();
        output.Attach(process);
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start python3.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PythonScriptProcess(process, output);
    }

    /// <summary>The first line the script printed.</summary>
    public Task<string> FirstLineAsync(string what) =>
        Eventually.ValueAsync(() =>
        {
            var line = _output.StandardOutput.Split(Environment.NewLine).FirstOrDefault(l => l.Length > 0);
            if (line is null && _process.HasExited)
            {
                throw new InvalidOperationException($"the script exited with code {_process.ExitCode}:{Environment.NewLine}{_output.Tail}");
            }
            return Task.FromResult(line);
        }, what, TimeSpan.FromSeconds(30));

    /// <summary>Sends a line to the script's standard input.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the script to end; its exit code, with its output when it is not 0.</summary>
    public async Task<int> WaitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(limit.Token);
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
