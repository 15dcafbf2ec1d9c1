using System.Diagnostics;
using System.Text;

namespace ExperimentHub.Testing;

/// <summary>Runs a program to its end (no shell), with a clean EXPERIMENTHUB_* environment and a time limit.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Describe() => $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // The test machine's own settings must not leak into the child.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("EXPERIMENTHUB_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds:0} s:{Environment.NewLine}{stdout}{stderr}");
        }
        // The parameterless wait also drains the redirected streams.
        await process.WaitForExitAsync(CancellationToken.None);
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
