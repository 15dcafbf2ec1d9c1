using ExperimentHub.Core.Agents;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Cli.Tests.Commands;

/// <summary>An agent hub that hands out the trials in <see cref="OneTrialState.Queue"/> and records what comes back.</summary>
public sealed class OneTrialHub(OneTrialState state) : Hub<IAgentClient>, IAgentHub
{
    public Task<RegistrationAccepted> Register(AgentRegistration registration)
    {
        state.Registrations.Enqueue(registration);
        return Task.FromResult(new RegistrationAccepted(1, 5, 30));
    }

    public Task Heartbeat(Heartbeat heartbeat) => Task.CompletedTask;

    public Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request)
    {
        var given = new List<TrialAssignment>();
        while (given.Count < request.FreeSlots && state.Queue.TryDequeue(out var next))
        {
            given.Add(next);
        }
        return Task.FromResult<IReadOnlyList<TrialAssignment>>(given);
    }

    public Task TrialStarted(TrialStarted started) => Task.CompletedTask;

    public Task ReportMetrics(MetricReport report)
    {
        foreach (var point in report.Points)
        {
            state.Points.Enqueue(point);
        }
        return Task.CompletedTask;
    }

    public Task ReportLogs(LogLines lines) => Task.CompletedTask;

    public Task TrialEnded(TrialEnd report)
    {
        state.Ended.Enqueue(report);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds) => Task.FromResult(runningRunIds);
}
