using System.Net;
using System.Text;
using System.Text.Json;
using ExperimentHub.Client.Tests.Infrastructure;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Client.Tests;

[Collection(LiveServerCollection.Name)]
public sealed class ExperimentHubClientTests(LiveServer server)
{
    [Fact]
    public async Task Server_answers_health_check()
    {
        using var client = server.CreateClient(anonymous: true);
        Assert.True(await client.IsHealthyAsync());
    }

    [Fact]
    public async Task Health_check_is_false_when_nothing_listens()
    {
        using var client = new ExperimentHubClient(new Uri("http://127.0.0.1:1/"), null);
        Assert.False(await client.IsHealthyAsync());
    }

    [Fact]
    public async Task Project_is_created_and_listed()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("proj");
        var created = await client.CreateProjectAsync(key, "Vision models");
        Assert.Equal(key, created.Key);
        Assert.Equal("Vision models", created.Name);
        var all = await client.ListProjectsAsync();
        Assert.Contains(all, p => p.Key == key && p.Name == "Vision models");
    }

    [Fact]
    public async Task Duplicate_project_is_a_conflict_naming_the_key()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("dup");
        await client.CreateProjectAsync(key, "first");
        var ex = await Assert.ThrowsAsync<ExperimentHubException>(() => client.CreateProjectAsync(key, "second"));
        Assert.Equal(HttpStatusCode.Conflict, ex.Status);
        Assert.True(ex.Problem!.Value.GetProperty("errors").TryGetProperty("key", out _), ex.Message);
        Assert.Contains("key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_is_created_with_params_and_read_back()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("run");
        await client.CreateProjectAsync(key, "runs");
        var run = await client.CreateRunAsync(key, "baseline", new Dictionary<string, object?> { ["lr"] = 0.01, ["optimizer"] = "adam", ["layers"] = 4 });
        Assert.True(run.Id > 0);
        Assert.False(string.IsNullOrEmpty(run.Token));

        var info = await client.GetRunAsync(run.Id);
        Assert.Equal("baseline", info.Name);
        Assert.Equal(0.01, info.Params.GetProperty("lr").GetDouble());
        Assert.Equal("adam", info.Params.GetProperty("optimizer").GetString());
        Assert.Equal(4, info.Params.GetProperty("layers").GetInt32());
        Assert.NotEqual("completed", info.Status);
    }

    [Fact]
    public async Task Metrics_with_NaN_and_infinities_round_trip()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("nan");
        await client.CreateProjectAsync(key, "diverged");
        var run = await client.CreateRunAsync(key, "diverges");
        await client.LogMetricsAsync(run.Id,
        [
            new MetricPointDto("loss", 0.5, 0),
            new MetricPointDto("loss", double.NaN, 1),
            new MetricPointDto("loss", double.PositiveInfinity, 2),
            new MetricPointDto("loss", double.NegativeInfinity, 3),
        ]);

        var series = await client.GetSeriesAsync(run.Id, "loss");
        Assert.Equal("loss", series.Key);
        Assert.Equal([0L, 1, 2, 3], series.Points.Select(p => p.Step));
        Assert.Equal(0.5, series.Points[0].Value);
        Assert.True(double.IsNaN(series.Points[1].Value));
        Assert.Equal(double.PositiveInfinity, series.Points[2].Value);
        Assert.Equal(double.NegativeInfinity, series.Points[3].Value);
    }

    [Fact]
    public async Task Reposting_a_step_replaces_its_value()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("idem");
        await client.CreateProjectAsync(key, "idempotent");
        var run = await client.CreateRunAsync(key, null);
        await client.LogMetricsAsync(run.Id, [new MetricPointDto("acc", 0.1, 5)]);
        await client.LogMetricsAsync(run.Id, [new MetricPointDto("acc", 0.9, 5)]);
        var series = await client.GetSeriesAsync(run.Id, "acc");
        var point = Assert.Single(series.Points);
        Assert.Equal(0.9, point.Value);
    }

    [Fact]
    public async Task Series_is_downsampled_on_the_server()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("down");
        await client.CreateProjectAsync(key, "downsampled");
        var run = await client.CreateRunAsync(key, null);
        await client.LogMetricsAsync(run.Id, Enumerable.Range(0, 5000).Select(i => new MetricPointDto("loss", Math.Sin(i / 100.0), i)).ToList());
        var series = await client.GetSeriesAsync(run.Id, "loss", maxPoints: 100);
        Assert.InRange(series.Points.Count, 2, 100);
        // Min/max buckets keep the extremes of the curve.
        Assert.Equal(1.0, series.Points.Max(p => p.Value), 3);
        Assert.Equal(-1.0, series.Points.Min(p => p.Value), 3);
    }

    [Fact]
    public async Task Run_logger_batches_in_the_background_and_flushes_on_dispose()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("logger");
        await client.CreateProjectAsync(key, "logger");
        var run = await client.CreateRunAsync(key, "batched");
        // The run's own token, as a training script under an agent would hold.
        using var runClient = server.CreateClient(run.Token);
        await using (var logger = new RunLogger(runClient, run.Id, TimeSpan.FromMinutes(10)))
        {
            for (var step = 0; step < 2500; step++)
            {
                logger.Log(new Dictionary<string, double> { ["loss"] = 1.0 / (step + 1), ["acc"] = step / 2500.0 });
            }
        }
        var loss = await client.GetSeriesAsync(run.Id, "loss", maxPoints: 5000);
        var acc = await client.GetSeriesAsync(run.Id, "acc", maxPoints: 5000);
        Assert.Equal(2500, loss.Points.Count);
        Assert.Equal(2500, acc.Points.Count);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), loss.Points.Select(p => p.Step));
    }

    [Fact]
    public async Task Finish_records_status_and_summary_then_refuses_a_second_finish()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("fin");
        await client.CreateProjectAsync(key, "finish");
        var run = await client.CreateRunAsync(key, "finished");
        using var runClient = server.CreateClient(run.Token);
        var logger = new RunLogger(runClient, run.Id);
        logger.Log(new Dictionary<string, double> { ["loss"] = 0.3 }, step: 1);
        await logger.FinishAsync("completed", new Dictionary<string, double> { ["accuracy"] = 0.97, ["best_loss"] = double.NaN });

        var info = await client.GetRunAsync(run.Id);
        Assert.Equal("completed", info.Status);
        Assert.Equal(0.97, info.Summary["accuracy"]);
        Assert.True(double.IsNaN(info.Summary["best_loss"]));
        Assert.Equal(0.3, info.Summary["loss"]);

        var ex = await Assert.ThrowsAsync<ExperimentHubException>(() => client.FinishRunAsync(run.Id, "failed"));
        Assert.Equal(HttpStatusCode.Conflict, ex.Status);
    }

    [Fact]
    public async Task Fail_with_an_exception_records_its_type_message_and_stack_trace()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("fail");
        await client.CreateProjectAsync(key, "fail");
        var run = await client.CreateRunAsync(key, "throws");
        using var runClient = server.CreateClient(run.Token);
        var logger = new RunLogger(runClient, run.Id);
        logger.Log(new Dictionary<string, double> { ["loss"] = 0.3 }, step: 1);

        var thrown = Record.Exception(() => Train(0));
        await logger.FailAsync(thrown!);

        var info = await client.GetRunAsync(run.Id);
        Assert.Equal("failed", info.Status);
        Assert.StartsWith("System.InvalidOperationException: the learning rate must be positive", info.Error, StringComparison.Ordinal);
        Assert.Contains(nameof(Train), info.Error, StringComparison.Ordinal);
        Assert.Equal(0.3, info.Summary["loss"]);

        static double Train(double lr) => lr > 0 ? lr : throw new InvalidOperationException("the learning rate must be positive");
    }

    [Fact]
    public async Task A_long_error_is_sent_by_its_end_where_the_cause_is()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("long");
        await client.CreateProjectAsync(key, "long error");
        var run = await client.CreateRunAsync(key, "long");

        await client.FinishRunAsync(run.Id, "failed", error: new string('.', 3 * FinishRunRequest.MaxErrorLength) + "the cause");

        var error = (await client.GetRunAsync(run.Id)).Error!;
        Assert.Equal(FinishRunRequest.MaxErrorLength, error.Length);
        Assert.EndsWith("the cause", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artifacts_upload_and_download_byte_for_byte()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("art");
        await client.CreateProjectAsync(key, "artifacts");
        var run = await client.CreateRunAsync(key, "model");
        var bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(bytes);

        using var runClient = server.CreateClient(run.Token);
        await runClient.UploadArtifactAsync(run.Id, "checkpoints/epoch 3/model.bin", new MemoryStream(bytes));
        await using (var download = await client.DownloadArtifactAsync(run.Id, "checkpoints/epoch 3/model.bin"))
        {
            Assert.NotNull(download);
            using var copy = new MemoryStream();
            await download.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        await runClient.UploadArtifactAsync(run.Id, "notes.txt", new MemoryStream(Encoding.UTF8.GetBytes("first")), "text/plain");
        await runClient.UploadArtifactAsync(run.Id, "notes.txt", new MemoryStream(Encoding.UTF8.GetBytes("second")), "text/plain");
        await using var notes = await client.DownloadArtifactAsync(run.Id, "notes.txt");
        using var reader = new StreamReader(notes!);
        Assert.Equal("second", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Missing_artifact_downloads_as_null()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("noart");
        await client.CreateProjectAsync(key, "no artifacts");
        var run = await client.CreateRunAsync(key, null);
        Assert.Null(await client.DownloadArtifactAsync(run.Id, "missing.bin"));
    }

    [Theory]
    [InlineData("a/../b.txt")]
    [InlineData("./b.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("nul\0.txt")]
    public async Task Bad_artifact_path_is_refused_naming_the_path_and_nothing_is_stored(string path)
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("dots");
        await client.CreateProjectAsync(key, "dots");
        var run = await client.CreateRunAsync(key, null);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.UploadArtifactAsync(run.Id, path, new MemoryStream([1, 2])));
        Assert.Equal("path", ex.ParamName);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Null(await client.DownloadArtifactAsync(run.Id, "b.txt"));
    }

    [Fact]
    public async Task Bad_metric_key_is_refused_naming_the_point_and_nothing_is_stored()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("badkey");
        await client.CreateProjectAsync(key, "bad keys");
        var run = await client.CreateRunAsync(key, null);
        var ex = await Assert.ThrowsAsync<ExperimentHubException>(() =>
            client.LogMetricsAsync(run.Id, [new MetricPointDto("loss", 1, 0), new MetricPointDto(new string('k', 251), 1, 0)]));
        Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
        Assert.Contains("points[1].key", ex.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ExperimentHubException>(() => client.GetSeriesAsync(run.Id, "loss"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task Unknown_project_and_run_are_not_found_with_the_field_named()
    {
        using var client = server.CreateClient();
        var project = await Assert.ThrowsAsync<ExperimentHubException>(() => client.CreateRunAsync("no-such-project", null));
        Assert.Equal(HttpStatusCode.NotFound, project.Status);
        Assert.Contains("project", project.Message, StringComparison.Ordinal);

        var run = await Assert.ThrowsAsync<ExperimentHubException>(() => client.GetRunAsync(long.MaxValue));
        Assert.Equal(HttpStatusCode.NotFound, run.Status);
        Assert.Equal(JsonValueKind.Object, run.Problem!.Value.ValueKind);
    }

    [Fact]
    public async Task Writes_without_a_key_or_with_another_runs_token_are_refused()
    {
        using var admin = server.CreateClient();
        var key = Names.ProjectKey("auth");
        await admin.CreateProjectAsync(key, "auth");
        var mine = await admin.CreateRunAsync(key, "mine");
        var other = await admin.CreateRunAsync(key, "other");

        using var anonymous = server.CreateClient(anonymous: true);
        var unauthenticated = await Assert.ThrowsAsync<ExperimentHubException>(() => anonymous.LogMetricsAsync(mine.Id, [new MetricPointDto("loss", 1, 0)]));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.Status);

        using var wrongKey = server.CreateClient("ehk_not_a_real_key");
        var badKey = await Assert.ThrowsAsync<ExperimentHubException>(() => wrongKey.ListProjectsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.Status);

        using var token = server.CreateClient(mine.Token);
        var forbidden = await Assert.ThrowsAsync<ExperimentHubException>(() => token.LogMetricsAsync(other.Id, [new MetricPointDto("loss", 1, 0)]));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Contains("Authorization", forbidden.Message, StringComparison.Ordinal);
        await token.LogMetricsAsync(mine.Id, [new MetricPointDto("loss", 1, 0)]);
    }

    [Fact]
    public async Task Run_logger_reports_a_refused_batch_instead_of_dropping_it_silently()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("refused");
        await client.CreateProjectAsync(key, "refused");
        var mine = await client.CreateRunAsync(key, "mine");
        var other = await client.CreateRunAsync(key, "other");
        // A token of another run: every batch is refused with 403, which is not worth retrying.
        using var wrongToken = server.CreateClient(mine.Token);
        var logger = new RunLogger(wrongToken, other.Id, TimeSpan.FromMilliseconds(10));
        logger.Log(new Dictionary<string, double> { ["loss"] = 1 });
        var ex = await Assert.ThrowsAsync<ExperimentHubException>(async () => await logger.DisposeAsync());
        Assert.Contains("not all saved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_without_a_command_is_driven_by_ask_and_tell_to_its_end()
    {
        using var client = server.CreateClient();
        var key = Names.ProjectKey("asktell");
        await client.CreateProjectAsync(key, "ask/tell");
        var sweep = await client.SubmitSweepAsync(key, """
            name: quadratic
            method: random
            objectives:
              - {metric: loss, goal: minimize}
            parameters:
              x: {type: float, min: -2, max: 2}
            budget: {trials: 4, parallel: 1}
            """);
        var told = 0;
        while (await client.AskAsync(sweep.Id) is { } trial)
        {
            var x = trial.Params.GetProperty("x").GetDouble();
            if (told == 1)
            {
                await client.TellFailedAsync(trial.TrialId, "could not evaluate");
            }
            else
            {
                var result = await client.TellAsync(trial.TrialId, new Dictionary<string, double> { ["loss"] = x * x });
                Assert.Equal("completed", result.Status);
            }
            told++;
        }
        Assert.Equal(4, told);
        var trials = await client.GetTrialsAsync(sweep.Id);
        Assert.Equal(["completed", "failed", "completed", "completed"], trials.Select(t => t.Status).ToArray());
        var again = await Assert.ThrowsAsync<ExperimentHubException>(() => client.TellAsync(trials[0].RunId, new Dictionary<string, double> { ["loss"] = 0 }));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task A_finish_sent_again_after_its_answer_was_lost_took_effect_and_returns()
    {
        using var admin = server.CreateClient();
        var key = Names.ProjectKey("lostfinish");
        await admin.CreateProjectAsync(key, "lost finish");
        var created = await admin.CreateRunAsync(key, "lost-answer");
        using var lossy = new LostFinishAnswerHandler();
        using var runClient = new ExperimentHubClient(new Uri(server.BaseUrl), created.Token, lossy);

        await runClient.FinishRunAsync(created.Id, "completed", new Dictionary<string, double> { ["best_loss"] = 0.5 });

        // The first try was stored; the second found the run's token dead with the run, naming its final status.
        Assert.Equal([200, 401], lossy.FinishStatuses);
        var run = await admin.GetRunAsync(created.Id);
        Assert.Equal("completed", run.Status);
        Assert.Equal(0.5, run.Summary["best_loss"]);
    }

    [Fact]
    public async Task A_finish_of_a_run_that_ended_otherwise_is_refused_with_its_final_status()
    {
        using var admin = server.CreateClient();
        var key = Names.ProjectKey("endedelse");
        await admin.CreateProjectAsync(key, "ended otherwise");
        var created = await admin.CreateRunAsync(key, "stopped-first");
        await admin.FinishRunAsync(created.Id, "stopped");

        var again = await Assert.ThrowsAsync<ExperimentHubException>(() => admin.FinishRunAsync(created.Id, "completed"));
        using var runClient = server.CreateClient(created.Token);
        var dead = await Assert.ThrowsAsync<ExperimentHubException>(() => runClient.FinishRunAsync(created.Id, "completed"));

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("stopped", again.Problem!.Value.GetProperty(RunEndedProblem.RunStatus).GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, dead.Status);
        Assert.Contains("has ended (stopped)", dead.Message, StringComparison.Ordinal);
        Assert.Equal("stopped", dead.Problem!.Value.GetProperty(RunEndedProblem.RunStatus).GetString());
    }
}
