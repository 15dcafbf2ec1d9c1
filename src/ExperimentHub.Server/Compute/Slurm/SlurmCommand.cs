using System.ComponentModel;
using System.Diagnostics;

namespace ExperimentHub.Server.Compute.Slurm;

/// <summary>Runs one Slurm client program without a shell and returns its output; a failure becomes a <see cref="CapacityException"/>.</summary>
internal static class SlurmCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(SlurmOptions options, string program, IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (!string.IsNullOrWhiteSpace(options.ConfFile))
        {
            start.Environment["SLURM_CONF"] = options.ConfFile;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CapacityException($"{program} did not start", null, retryable: true);
        }
        catch (Win32Exception e)
        {
            throw new CapacityException($"{program} cannot be run ({e.Message}); is this server a Slurm submit host? ({SlurmOptions.Section}:{Path.GetFileName(program)})",
                null, retryable: false, e);
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = process.StandardError.ReadToEndAsync(timeout.Token);
                if (input is not null)
                {
                    await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
                    process.StandardInput.Close();
                }
                await process.WaitForExitAsync(timeout.Token);
                if (process.ExitCode != 0)
                {
                    throw new CapacityException($"{Path.GetFileName(program)} failed (exit code {process.ExitCode}): {(await error).Trim()}",
                        null, retryable: true);
                }
                return await output;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new CapacityException($"{Path.GetFileName(program)} did not answer within {Timeout.TotalSeconds:0} s", null, retryable: true);
            }
        }
    }
}
