using System.Text.Json;
using ExperimentHub.Testing;
using ExperimentHub.Agent.Trials;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Tests.Trials;

public sealed class TrialPreparationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ehub-prep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_trial_sees_the_documented_environment_and_its_params_file()
    {
        const string script = """
            import json, os
            keys = ["EXPERIMENTHUB_API_URL", "EXPERIMENTHUB_RUN_ID", "EXPERIMENTHUB_TOKEN", "EXPERIMENTHUB_PARAMS",
                    "CUDA_VISIBLE_DEVICES", "EXPERIMENTHUB_API_KEY", "CUDA_DEVICE_ORDER"]
            env = {k: os.environ.get(k) for k in keys}
            env["file"] = json.load(open(os.environ["EXPERIMENTHUB_PARAMS_FILE"]))
            env["cwd"] = os.getcwd()
            print(json.dumps(env))
            """;
        var assignment = Assignment(["python3", "-c", script, "${args}"], workdir: null);
        var info = TrialPreparation.Prepare(assignment, _dir, Path.Combine(_dir, "trials"), [1, 3], agentHasGpus: true, TimeSpan.FromSeconds(1));
        var observer = new RecordingObserver();

        await using var trial = TrialProcess.Start(info, observer);
        var result = await Eventually.ResultAsync(trial.Completion, "the trial to end");

        Assert.Equal(TrialOutcome.Completed, result.Outcome);
        using var env = JsonDocument.Parse(observer.Lines.First());
        var root = env.RootElement;
        Assert.Equal("http://server:5000", root.GetProperty("EXPERIMENTHUB_API_URL").GetString());
        Assert.Equal("42", root.GetProperty("EXPERIMENTHUB_RUN_ID").GetString());
        Assert.Equal("run-token", root.GetProperty("EXPERIMENTHUB_TOKEN").GetString());
        Assert.Equal(0.01, JsonDocument.Parse(root.GetProperty("EXPERIMENTHUB_PARAMS").GetString()!).RootElement.GetProperty("lr").GetDouble());
        Assert.Equal("rbf", root.GetProperty("file").GetProperty("kernel").GetString());
        Assert.Equal("1,3", root.GetProperty("CUDA_VISIBLE_DEVICES").GetString());
        Assert.Equal("PCI_BUS_ID", root.GetProperty("CUDA_DEVICE_ORDER").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("EXPERIMENTHUB_API_KEY").ValueKind);
        Assert.Equal(Path.Combine(_dir, "trials", "run-42-attempt-2"), root.GetProperty("cwd").GetString());
        Assert.Equal(["--lr=0.01", "--kernel=rbf"], info.Arguments.Skip(3));
        Assert.Equal(TimeSpan.FromSeconds(30), info.Timeout);
    }

    [Fact]
    public void Without_gpus_the_agent_leaves_cuda_alone()
    {
        var info = TrialPreparation.Prepare(Assignment(["python3"], workdir: null), _dir, Path.Combine(_dir, "trials"), [], agentHasGpus: false, TimeSpan.FromSeconds(1));

        Assert.False(info.Environment.ContainsKey("CUDA_VISIBLE_DEVICES"));
    }

    [Fact]
    public void A_gpu_agent_hides_its_gpus_from_a_trial_that_got_none()
    {
        var info = TrialPreparation.Prepare(Assignment(["python3"], workdir: null), _dir, Path.Combine(_dir, "trials"), [], agentHasGpus: true, TimeSpan.FromSeconds(1));

        Assert.Equal("", info.Environment["CUDA_VISIBLE_DEVICES"]);
    }

    [Fact]
    public void A_relative_workdir_starts_at_the_agent_folder_and_must_exist()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "examples", "synthetic"));

        var info = TrialPreparation.Prepare(Assignment(["python3"], "examples/synthetic"), _dir, Path.Combine(_dir, "trials"), [], false, TimeSpan.FromSeconds(1));
        var error = Assert.Throws<TrialSetupException>(() => TrialPreparation.Prepare(Assignment(["python3"], "examples/missing"), _dir, Path.Combine(_dir, "trials"), [], false, TimeSpan.FromSeconds(1)));

        Assert.Equal(Path.Combine(_dir, "examples", "synthetic"), info.WorkingDirectory);
        Assert.Contains("examples/missing", error.Message, StringComparison.Ordinal);
    }

    private static TrialAssignment Assignment(IReadOnlyList<string> command, string? workdir) => new(
        RunId: 42,
        SweepId: 7,
        TrialNumber: 3,
        Attempt: 2,
        Command: command,
        Workdir: workdir,
        Params: JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"lr": 0.01, "kernel": "rbf"}""")!,
        Token: "run-token",
        ApiUrl: "http://server:5000",
        GpuCount: 0,
        TimeoutSeconds: 30);
}
