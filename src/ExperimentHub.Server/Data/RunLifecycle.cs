using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Data;

/// <summary>
/// The run (trial) state machine, written down once: pending → leased → running → completed, failed, timed_out,
/// pruned or stopped, with retries and requeues back to pending. Every place that changes a run's status asks it
/// which statuses a transition starts from and where it leads; the SQL on the hot paths takes its
/// <c>status IN (...)</c> conditions from here, so a change is still one conditional UPDATE.
/// </summary>
public static class RunLifecycle
{
    /// <summary>Not yet ended: waiting, handed to an agent, or running.</summary>
    public static readonly IReadOnlyList<RunStatus> Active = [RunStatus.Pending, RunStatus.Leased, RunStatus.Running];

    /// <summary>Held by an agent under a lease that it extends with its heartbeats.</summary>
    public static readonly IReadOnlyList<RunStatus> Held = [RunStatus.Leased, RunStatus.Running];

    private static readonly IReadOnlyList<RunStatus> Waiting = [RunStatus.Pending];

    /// <summary>The statuses <paramref name="transition"/> may start from.</summary>
    public static IReadOnlyList<RunStatus> From(RunTransition transition) => transition switch
    {
        RunTransition.Lease => Waiting,
        RunTransition.Start or RunTransition.Retry or RunTransition.Requeue => Held,
        RunTransition.Complete or RunTransition.Fail or RunTransition.TimeOut or RunTransition.Prune or RunTransition.Stop => Active,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "not a run transition"),
    };

    /// <summary>The status <paramref name="transition"/> leads to.</summary>
    public static RunStatus To(RunTransition transition) => transition switch
    {
        RunTransition.Lease => RunStatus.Leased,
        RunTransition.Start => RunStatus.Running,
        RunTransition.Complete => RunStatus.Completed,
        RunTransition.Fail => RunStatus.Failed,
        RunTransition.Retry or RunTransition.Requeue => RunStatus.Pending,
        RunTransition.TimeOut => RunStatus.TimedOut,
        RunTransition.Prune => RunStatus.Pruned,
        RunTransition.Stop => RunStatus.Stopped,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "not a run transition"),
    };

    public static bool Allows(RunStatus from, RunTransition transition) => From(transition).Contains(from);

    /// <summary>The status after <paramref name="transition"/>; an illegal transition is refused with the reason.</summary>
    public static RunStatus Apply(RunStatus from, RunTransition transition) =>
        Allows(from, transition)
            ? To(transition)
            : throw new InvalidOperationException(
                $"a {EnumNames.ToText(from)} run cannot {Verb(transition)}: only a {string.Join(" or ", From(transition).Select(EnumNames.ToText))} run can");

    /// <summary>The transition that ends a run with the final status <paramref name="status"/>.</summary>
    public static RunTransition Ending(RunStatus status) => status switch
    {
        RunStatus.Completed => RunTransition.Complete,
        RunStatus.Failed => RunTransition.Fail,
        RunStatus.TimedOut => RunTransition.TimeOut,
        RunStatus.Pruned => RunTransition.Prune,
        RunStatus.Stopped => RunTransition.Stop,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, $"{EnumNames.ToText(status)} is not a final status"),
    };

    /// <summary>The SQL condition on the <c>status</c> column for the statuses <paramref name="transition"/> starts from.</summary>
    public static string SqlFrom(RunTransition transition, string column = "status") => SqlIn(From(transition), column);

    /// <summary>The SQL literal of the status <paramref name="transition"/> leads to.</summary>
    public static string SqlTo(RunTransition transition) => SqlText(To(transition));

    /// <summary><c>status IN ('a', 'b')</c> for the given statuses.</summary>
    public static string SqlIn(IReadOnlyList<RunStatus> statuses, string column = "status") =>
        statuses.Count == 1
            ? $"{column} = {SqlText(statuses[0])}"
            : $"{column} IN ({string.Join(", ", statuses.Select(SqlText))})";

    public static string SqlText(RunStatus status) => $"'{EnumNames.ToText(status)}'";

    private static string Verb(RunTransition transition) => transition switch
    {
        RunTransition.Lease => "be leased",
        RunTransition.Start => "start",
        RunTransition.Complete => "complete",
        RunTransition.Fail => "fail",
        RunTransition.Retry => "be retried",
        RunTransition.Requeue => "be requeued",
        RunTransition.TimeOut => "time out",
        RunTransition.Prune => "be pruned",
        _ => "be stopped",
    };
}
