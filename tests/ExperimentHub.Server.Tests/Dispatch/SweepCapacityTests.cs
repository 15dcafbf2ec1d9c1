using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>The free slots a sweep's parallel trials are compared with, from a real store's agents and their trials.</summary>
public sealed class SweepCapacityTests : IDisposable
{
    private readonly TestStore _store = new();
    private Project? _project;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task More_trials_at_a_time_than_free_slots_names_the_numbers_and_counts_the_sweeps_own_trials_as_its_slots()
    {
        var sweep = await AddSweepAsync();
        var other = await AddSweepAsync();
        await AddAgentAsync("box", slots: 3, heldFor: [sweep, other]);

        var shortfall = await Capacity.ShortfallAsync(4, 0, sweep, CancellationToken.None);

        // Three slots, one taken by another sweep: two are this sweep's (one of them running its trial).
        Assert.Equal("4 trials at a time requested, 2 slots free on 1 agent (3 slots in all): at most 2 run at once, the others queue.", shortfall);
        Assert.Null(await Capacity.ShortfallAsync(2, 0, sweep, CancellationToken.None));
    }

    [Fact]
    public async Task Agents_offline_or_started_for_another_sweep_do_not_count()
    {
        var sweep = await AddSweepAsync();
        await AddAgentAsync("home", slots: 1);
        await AddAgentAsync("gone", slots: 8, status: AgentStatus.Offline);
        var ec2 = await AddAgentAsync("ec2-agent", slots: 8);
        await using (var db = await _store.Contexts.CreateDbContextAsync())
        {
            db.ComputeInstances.Add(new ComputeInstance
            {
                SweepId = await AddSweepAsync(), Backend = ComputeBackend.Ec2, ExternalId = "i-0abc", State = ComputeInstanceState.Running,
                AgentId = ec2, LaunchedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var shortfall = await Capacity.ShortfallAsync(4, 0, sweep, CancellationToken.None);

        Assert.Equal("4 trials at a time requested, 1 slot free on 1 agent (1 slot in all): at most 1 run at once, the others queue.", shortfall);
    }

    [Fact]
    public async Task Trials_that_need_GPUs_count_only_the_agents_and_GPUs_that_fit_them()
    {
        var sweep = await AddSweepAsync();
        await AddAgentAsync("cpu-only", slots: 8);
        Assert.Equal("No connected agent has the 2 GPUs each trial needs: the trials wait until one connects.",
            await Capacity.ShortfallAsync(1, 2, sweep, CancellationToken.None));

        await AddAgentAsync("gpu-box", slots: 4, gpus: 4, heldFor: [await AddSweepAsync()], gpuIndices: "0");

        // Four GPUs, one held: one more trial of two GPUs fits now, two in all.
        Assert.Equal("2 trials at a time requested, 1 slot free with 2 GPUs free for each trial on 1 agent (2 slots in all): at most 1 run at once, the others queue.",
            await Capacity.ShortfallAsync(2, 2, sweep, CancellationToken.None));
    }

    [Fact]
    public async Task No_agent_at_all_says_the_trials_wait_for_one()
    {
        var sweep = await AddSweepAsync();

        var shortfall = await Capacity.ShortfallAsync(1, 0, sweep, CancellationToken.None);

        Assert.StartsWith("No agent is connected: the trials wait until one connects", shortfall, StringComparison.Ordinal);
    }

    private SweepCapacity Capacity => new(new AgentDirectory(_store.Contexts), _store.Contexts);

    private async Task<long> AddSweepAsync()
    {
        await _store.MigrateAsync();
        await using var db = await _store.Contexts.CreateDbContextAsync();
        if (_project is null)
        {
            _project = new Project { Key = "capacity", Name = "capacity", CreatedAt = DateTimeOffset.UtcNow };
            db.Projects.Add(_project);
            await db.SaveChangesAsync();
        }
        var sweep = new Sweep
        {
            ProjectId = _project.Id, Name = "s", SpecText = "name: s", SpecFormat = "yaml", Status = SweepStatus.Running,
            TrialBudget = 10, Parallel = 4, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Sweeps.Add(sweep);
        await db.SaveChangesAsync();
        return sweep.Id;
    }

    /// <summary>An agent holding one running trial of each sweep in <paramref name="heldFor"/>; returns its id.</summary>
    private async Task<string> AddAgentAsync(string name, int slots, AgentStatus status = AgentStatus.Online, int gpus = 0, long[]? heldFor = null,
        string? gpuIndices = null)
    {
        await _store.MigrateAsync();
        await using var db = await _store.Contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var id = $"{name}-{Guid.NewGuid():N}";
        var gpusJson = "[" + string.Join(",", Enumerable.Range(0, gpus).Select(i => $$"""{"index": {{i}}, "name": "gpu"}""")) + "]";
        db.Agents.Add(new RegisteredAgent { Id = id, Name = name, Host = name, Slots = slots, Status = status, GpusJson = gpusJson, LastHeartbeatAt = now });
        foreach (var sweepId in heldFor ?? [])
        {
            db.Runs.Add(new Run
            {
                ProjectId = _project!.Id, SweepId = sweepId, Name = "held", Status = RunStatus.Running, LeaseAgentId = id, CreatedAt = now, StartedAt = now,
                GpuIndices = gpuIndices,
            });
        }
        await db.SaveChangesAsync();
        return id;
    }
}
