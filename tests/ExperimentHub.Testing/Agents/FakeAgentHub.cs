using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Testing.Agents;

/// <summary>A strongly typed hub that implements <see cref="IAgentHub"/> exactly, as the server's AgentHub will.</summary>
public sealed class FakeAgentHub(FakeDispatcher dispatcher) : Hub<IAgentClient>, IAgentHub
{
    public Task<RegistrationAccepted> Register(AgentRegistration registration)
    {
        Called(nameof(Register));
        return Task.FromResult(dispatcher.Register(registration));
    }

    public Task Heartbeat(Heartbeat heartbeat)
    {
        Called(nameof(Heartbeat));
        dispatcher.Heartbeats.Enqueue(heartbeat);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TrialAssignment>> RequestWork(WorkRequest request)
    {
        Called(nameof(RequestWork));
        return Task.FromResult(dispatcher.RequestWork(request));
    }

    public Task TrialStarted(TrialStarted started)
    {
        Called(nameof(TrialStarted));
        dispatcher.TrialStarted(started);
        return Task.CompletedTask;
    }

    public Task ReportMetrics(MetricReport report)
    {
        Called(nameof(ReportMetrics));
        foreach (var point in report.Points)
        {
            dispatcher.Points.Enqueue(point);
        }
        return Task.CompletedTask;
    }

    public Task ReportLogs(LogLines lines)
    {
        Called(nameof(ReportLogs));
        foreach (var line in lines.Lines)
        {
            dispatcher.Lines.Enqueue(line);
        }
        return Task.CompletedTask;
    }

    public Task TrialEnded(TrialEnd report)
    {
        Called(nameof(TrialEnded));
        dispatcher.TrialEnded(report);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TrialAssignment>> EndTrialAndRequestWork(TrialEnd report, WorkRequest request)
    {
        Called(nameof(EndTrialAndRequestWork));
        dispatcher.TrialEnded(report);
        return Task.FromResult(dispatcher.RequestWork(request));
    }

    public Task TrialSetupFailed(TrialSetupFailure failure)
    {
        Called(nameof(TrialSetupFailed));
        dispatcher.SetupFailures.Enqueue(failure);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<long>> Reattach(IReadOnlyList<long> runningRunIds)
    {
        Called(nameof(Reattach));
        return Task.FromResult(dispatcher.Reattach(runningRunIds));
    }

    private void Called(string method) => dispatcher.Calls.Enqueue(new HubCall(Context.ConnectionId, method));
}
