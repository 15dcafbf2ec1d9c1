using System.Globalization;
using System.Text;

namespace ExperimentHub.Server.Compute;

/// <summary>
/// The shell script that starts <c>ehub agent</c> for one sweep: EC2 user data, the body of a Slurm batch job. The
/// key travels in the environment rather than on the command line, where <c>ps</c> would show it.
/// </summary>
public static class AgentLaunchScript
{
    /// <param name="install">Shell lines run first (installing the tool); empty for none.</param>
    /// <param name="agentCommand">The program that runs the agent, as shell words (<c>ehub</c>, <c>dotnet /opt/ehub/ehub.dll</c>).</param>
    /// <param name="interruptionUrl">The spot interruption notice URL the agent polls, or null.</param>
    public static string Build(string? install, string agentCommand, string serverUrl, CapacityRequest request, string? interruptionUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append(CultureInfo.InvariantCulture, $"# ExperimentHub: an agent for sweep {request.SweepId}\n");
        sb.Append("set -e\n");
        if (!string.IsNullOrWhiteSpace(install))
        {
            sb.Append(install.ReplaceLineEndings("\n").TrimEnd('\n')).Append('\n');
        }
        sb.Append("export EXPERIMENTHUB_API_URL=").Append(Quote(serverUrl)).Append('\n');
        sb.Append("export EXPERIMENTHUB_API_KEY=").Append(Quote(request.AgentKey)).Append('\n');
        sb.Append("exec ").Append(agentCommand).Append(" agent --name ").Append(Quote(request.AgentName))
          .Append(" --slots ").Append(request.Resources.SlotsPerInstance.ToString(CultureInfo.InvariantCulture));
        if (interruptionUrl is not null)
        {
            sb.Append(" --interruption-url ").Append(Quote(interruptionUrl));
        }
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>One shell word, whatever it holds.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
