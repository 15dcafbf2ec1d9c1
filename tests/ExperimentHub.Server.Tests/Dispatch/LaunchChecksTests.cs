using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>The checks the New sweep form runs before a launch, against a real store's agents and a real folder.</summary>
public sealed class LaunchChecksTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly TemporaryDirectory _work = new("launch-checks");

    public void Dispose()
    {
        _store.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task A_script_in_its_working_folder_on_this_machine_with_room_for_it_has_nothing_to_say()
    {
        await File.WriteAllTextAsync(Path.Combine(_work.Path, "train.py"), "print('hi')\n");
        var checks = await CreateAsync(localSlots: 2, ("local", Environment.MachineName, 2, 0));

        Assert.Empty(await checks.CheckAsync(["python3", "train.py", "${args}"], _work.Path, 2, CancellationToken.None));
    }

    [Fact]
    public async Task No_working_folder_for_a_relative_script_blocks_the_launch_and_says_what_to_set()
    {
        var checks = await CreateAsync(localSlots: 2, ("local", Environment.MachineName, 2, 0));

        var note = Assert.Single(await checks.CheckAsync(["python3", "train.py", "${args}"], null, 1, CancellationToken.None));

        Assert.Equal("workdir", note.Field);
        Assert.True(note.Blocks);
        Assert.Contains("Set the working folder to the folder that holds train.py", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_blocks_here_but_only_warns_when_an_agent_elsewhere_might_have_it()
    {
        var missing = Path.Combine(_work.Path, "nowhere");
        var alone = await CreateAsync(localSlots: 2, ("local", Environment.MachineName, 2, 0));
        var blocked = Assert.Single(await alone.CheckAsync(["python3", "train.py"], missing, 1, CancellationToken.None));
        Assert.True(blocked.Blocks);
        Assert.Contains($"does not exist on this server (looked for {missing})", blocked.Message, StringComparison.Ordinal);

        var withRemote = await CreateAsync(localSlots: 2, ("gpu-box", "elsewhere", 4, 0));
        var warned = Assert.Single(await withRemote.CheckAsync(["python3", "train.py"], missing, 1, CancellationToken.None));
        Assert.False(warned.Blocks);
        Assert.Contains("Agents on other machines (gpu-box) must have it", warned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_missing_from_the_folder_and_an_unknown_program_are_named()
    {
        var checks = await CreateAsync(localSlots: 1);

        var notes = await checks.CheckAsync(["no-such-interpreter-here", "fit.py"], _work.Path, 1, CancellationToken.None);

        Assert.Contains(notes, n => n is { Field: "command", Blocks: true } && n.Message.Contains("'no-such-interpreter-here' is not on this server's PATH", StringComparison.Ordinal));
        Assert.Contains(notes, n => n is { Field: "command", Blocks: true } && n.Message.Contains($"fit.py is not in the working folder {_work.Path}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_parallel_trials_than_free_slots_is_a_note_with_the_numbers()
    {
        await File.WriteAllTextAsync(Path.Combine(_work.Path, "train.py"), "");
        var checks = await CreateAsync(localSlots: 2, ("local", Environment.MachineName, 2, 1), ("gpu-box", "elsewhere", 1, 0));

        var note = Assert.Single(await checks.CheckAsync(["python3", "train.py"], _work.Path, 4, CancellationToken.None), n => n.Field == "budget.parallel");

        Assert.False(note.Blocks);
        Assert.Equal("4 trials at a time requested, 2 slots free on 2 agents (3 slots in all): at most 2 run at once, the others queue.", note.Message);
    }

    [Fact]
    public async Task No_agent_at_all_says_the_trials_will_wait()
    {
        var checks = await CreateAsync(localSlots: 0);

        var note = Assert.Single(await checks.CheckAsync([], null, 1, CancellationToken.None));

        Assert.Contains("No agent is connected", note.Message, StringComparison.Ordinal);
    }

    /// <summary>Checks against online agents (name, host, slots, trials held) and a local agent with <paramref name="localSlots"/>.</summary>
    private async Task<LaunchChecks> CreateAsync(int localSlots, params (string Name, string Host, int Slots, int Busy)[] agents)
    {
        await _store.MigrateAsync();
        await using var db = await _store.Contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var project = new Project { Key = $"p{Guid.NewGuid():N}"[..12], Name = "p", CreatedAt = now };
        foreach (var (name, host, slots, busy) in agents)
        {
            var id = $"{name}-{Guid.NewGuid():N}";
            db.Agents.Add(new RegisteredAgent { Id = id, Name = name, Host = host, Slots = slots, Status = AgentStatus.Online, LastHeartbeatAt = now });
            for (var i = 0; i < busy; i++)
            {
                db.Runs.Add(new Run { Project = project, Name = "busy", Status = RunStatus.Running, LeaseAgentId = id, CreatedAt = now, StartedAt = now });
            }
        }
        await db.SaveChangesAsync();
        var directory = new AgentDirectory(_store.Contexts);
        return new LaunchChecks(directory, new SweepCapacity(directory, _store.Contexts), Microsoft.Extensions.Options.Options.Create(new LocalAgentOptions { Slots = localSlots, Workdir = _work.Path }));
    }
}
