using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>Each store publishes its change once committed, whoever called it (the API, the dashboard or an agent).</summary>
public sealed class StoreEventsTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly List<IDisposable> _subscriptions = [];

    [Fact]
    public async Task A_new_project_is_published_to_the_project_list()
    {
        await _store.MigrateAsync();
        var heard = Listen(ExperimentTopic.Projects);

        await _store.Projects.CreateAsync("vision", "Vision", null, CancellationToken.None);
        await Eventually.TrueAsync(() => heard.Task.IsCompleted, "the project list to hear of the new project");
    }

    [Fact]
    public async Task A_run_created_or_finished_is_published_to_its_project_and_run()
    {
        await _store.MigrateAsync();
        var project = (await _store.Projects.CreateAsync("p", "P", null, CancellationToken.None))!;
        var created = Listen(ExperimentTopic.Project(project.Id));

        var run = (await _store.Runs.CreateAsync(project.Id, "baseline", "{}", CancellationToken.None)).Run;
        await Eventually.TrueAsync(() => created.Task.IsCompleted, "the project page to hear of the new run");

        var finishedRun = Listen(ExperimentTopic.Run(run.Id));
        var finishedProject = Listen(ExperimentTopic.Project(project.Id));
        await _store.Runs.FinishAsync(run.Id, RunStatus.Completed, null, null, CancellationToken.None);
        await Eventually.TrueAsync(() => finishedRun.Task.IsCompleted && finishedProject.Task.IsCompleted, "the run and project pages to hear of the end");
    }

    [Fact]
    public async Task A_metric_batch_is_published_to_its_run()
    {
        var runId = await _store.NewRunAsync();
        var heard = Listen(ExperimentTopic.Run(runId));

        await _store.Ingest.IngestAsync(runId, [new MetricPointInput("loss", 1, 0.5)], CancellationToken.None);
        await Eventually.TrueAsync(() => heard.Task.IsCompleted, "the run page to hear of the batch");
    }

    private TaskCompletionSource Listen(ExperimentTopic topic)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _subscriptions.Add(_store.Events.Subscribe(topic, () =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        }));
        return heard;
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
        _store.Dispose();
    }
}
