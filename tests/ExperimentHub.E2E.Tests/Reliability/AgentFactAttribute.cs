using System.Diagnostics;
using ExperimentHub.E2E.Tests.Infrastructure;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// A test that needs <c>ehub agent</c>: skipped, saying why, while the built ehub has no agent verb (the verb and these
/// tests are built by different people; once the verb is in, the tests run with nothing to change).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AgentFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(FindMissingReason);

    public AgentFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? FindMissingReason()
    {
        try
        {
            var info = CliPaths.StartInfo(["agent", "--help"]);
            using var process = Process.Start(info) ?? throw new InvalidOperationException("ehub did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return null; // Let the test run and say what is wrong.
            }
            return process.ExitCode == 0 && output.Result.Contains("--server", StringComparison.Ordinal)
                ? null
                : "this build of ehub has no 'agent' verb yet ('ehub agent --help' does not list --server)";
        }
        catch (InvalidOperationException ex)
        {
            return $"ehub is not built: {ex.Message}";
        }
    }
}
