using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Agent.Tests.Hosting;

/// <summary>A plain hub for protocol tests: results, errors, large payloads and calls back to the client.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Hub methods must be instance methods.")]
public sealed class TestHub : Hub
{
    public int Add(int a, int b) => a + b;

    public string Echo(string text) => text;

    public string Big(int length) => new('x', length);

    public void Fail() => throw new HubException("the test hub refuses");

    public MetricReport EchoMetrics(MetricReport report) => report;

    public TrialEnd EchoEnd(TrialEnd report) => report;

    /// <summary>Never answers while the connection lives.</summary>
    public async Task<int> Hang()
    {
        await Task.Delay(Timeout.Infinite, Context.ConnectionAborted);
        return 0;
    }

    public Task CallMeBack(string reason, int times)
    {
        var sends = Enumerable.Range(0, times).Select(i => Clients.Caller.SendAsync(AgentHubMethods.StopTrial, new StopTrial(i, reason)));
        return Task.WhenAll(sends);
    }
}
