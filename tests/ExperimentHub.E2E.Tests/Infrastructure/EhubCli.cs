using System.Diagnostics;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Runs the real <c>ehub</c> tool as a child process against a server, with the API URL and key in its environment.</summary>
public static class EhubCli
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() =>
            $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
    }

    /// <summary>Starts ehub; the caller waits for it (<see cref="WaitAsync"/>).</summary>
    public static (Process Process, CapturedOutput Output) Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Launch(CliPaths.StartInfo(arguments), environment);

    /// <summary>
    /// Starts ehub as if typed at a terminal with its standard output redirected to <paramref name="stdoutFile"/>:
    /// util-linux's <c>script</c> gives it a pseudo-terminal for standard input and error.
    /// </summary>
    public static (Process Process, CapturedOutput Output) StartOnTerminal(
        IReadOnlyDictionary<string, string> environment, string stdoutFile, params string[] arguments)
    {
        var info = CliPaths.StartInfo(arguments);
        var command = string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList).Select(Quote)) + " > " + Quote(stdoutFile);
        info.FileName = "script";
        info.ArgumentList.Clear();
        foreach (var argument in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }
        return Launch(info, environment);
    }

    private static (Process Process, CapturedOutput Output) Launch(ProcessStartInfo info, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info };
        var output = new CapturedOutput();
        output.Attach(process);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {info.FileName}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static async Task<Result> WaitAsync(Process process, CapturedOutput output, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(output);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ehub {string.Join(' ', process.StartInfo.ArgumentList)} ran past {timeout.TotalSeconds:0} s:{Environment.NewLine}{output.Tail}");
        }
        // The parameterless wait drains the redirected streams.
        await process.WaitForExitAsync(CancellationToken.None);
        return new Result(process.ExitCode, output.StandardOutput, output.StandardError);
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var (process, output) = Start(environment, arguments);
        using (process)
        {
            return await WaitAsync(process, output, timeout);
        }
    }

    /// <summary>EXPERIMENTHUB_API_URL and EXPERIMENTHUB_API_KEY for this server, as a user would set them.</summary>
    public static Dictionary<string, string> EnvironmentFor(ServerProcess server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["EXPERIMENTHUB_API_URL"] = server.BaseUrl,
            ["EXPERIMENTHUB_API_KEY"] = server.AdminApiKey,
        };
    }
}
