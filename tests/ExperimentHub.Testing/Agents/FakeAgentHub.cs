using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Testing.Agents;

/// <summary>A strongly typed hub that implements <see cref="IAgentHub"/> exactly, as the server's AgentHub will.</summary>
public sealed class FakeAgentHub(FakeDispatcher dispatcher) : Hub<IAgentClient>, IAgentHub
{
    public Task<RegistrationAccepted> Register(AgentRegistration registration) => Task.FromResult(dispatcher.Register(registration));

    public Task Heartbeat(Heartbeat heartbeat)
    {
        dispatcher.Heartbeats.Enqueue(heartbeat);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request) => Task.FromResult(dispatcher.RequestWork(request));

    public Task TrialStarted(TrialStarted started)
    {
        dispatcher.TrialStarted(started);
        return Task.CompletedTask;
    }

    public Task ReportMetrics(MetricReport report)
    {
        foreach (var point in report.Points)
        {
            dispatcher.Points.Enqueue(point);
        }
        return Task.CompletedTask;
    }

    public Task ReportLogs(LogLines lines)
    {
        foreach (var line in lines.Lines)
        {
            dispatcher.Lines.Enqueue(line);
        }
        return Task.CompletedTask;
    }

    public Task TrialEnded(TrialEnd report)
    {
        dispatcher.TrialEnded(report);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds) => Task.FromResult(dispatcher.Reattach(runningRunIds));
}
