using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Dispatch;

namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>An agent driven by the test through the same service the hub calls.</summary>
public sealed class SimulatedAgent(AgentWorkService work, string id)
{
    public string Id => id;

    public Task<RegistrationAccepted> RegisterAsync(int slots = 1, int gpus = 0) =>
        work.RegisterAsync(new AgentRegistration(id, "localhost", "test", slots, 4, 1L << 30,
            Enumerable.Range(0, gpus).Select(i => new GpuInfo(i, $"GPU-{i}", "Test GPU", 16_000)).ToList(), id), CancellationToken.None);

    public Task<IReadOnlyList<TrialAssignment>> RequestAsync(int slots = 1, int gpus = 0) =>
        work.RequestWorkAsync(id, new WorkRequest(slots, gpus), "http://127.0.0.1:1", CancellationToken.None);

    public Task<bool> StartAsync(long runId) => work.TrialStartedAsync(id, new TrialStarted(runId, 4242, []), CancellationToken.None);

    public Task EndAsync(long runId, TrialOutcome outcome, int? exitCode = null, string? error = null) =>
        work.TrialEndedAsync(id, new TrialEnd(runId, outcome, exitCode ?? (outcome == TrialOutcome.Completed ? 0 : 1), error, "last line\n"), CancellationToken.None);

    public Task ReportAsync(long runId, string key, params double[] values) =>
        work.ReportMetricsAsync(id, new MetricReport(runId, values.Select((v, i) => new MetricReportPoint(key, i + 1, v, DateTimeOffset.UtcNow)).ToList()),
            CancellationToken.None);

    /// <summary>Takes one trial (waiting until one is pending), starts it, reports the loss and completes it.</summary>
    public async Task<TrialAssignment> RunOneAsync(double loss = 0.5, TimeSpan? timeout = null)
    {
        var assignment = await Eventually.GetAsync(() => RequestAsync(), a => a.Count > 0, $"a trial for {id}", timeout);
        var trial = assignment[0];
        await StartAsync(trial.RunId);
        await ReportAsync(trial.RunId, "loss", loss);
        await EndAsync(trial.RunId, TrialOutcome.Completed);
        return trial;
    }
}
