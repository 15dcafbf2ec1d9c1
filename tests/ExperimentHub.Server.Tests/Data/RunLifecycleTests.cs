using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Tests.Data;

public sealed class RunLifecycleTests
{
    [Theory]
    [InlineData(RunStatus.Pending, RunTransition.Lease, RunStatus.Leased)]
    [InlineData(RunStatus.Leased, RunTransition.Start, RunStatus.Running)]
    [InlineData(RunStatus.Running, RunTransition.Start, RunStatus.Running)]
    [InlineData(RunStatus.Running, RunTransition.Complete, RunStatus.Completed)]
    [InlineData(RunStatus.Leased, RunTransition.Fail, RunStatus.Failed)]
    [InlineData(RunStatus.Running, RunTransition.Retry, RunStatus.Pending)]
    [InlineData(RunStatus.Leased, RunTransition.Requeue, RunStatus.Pending)]
    [InlineData(RunStatus.Running, RunTransition.TimeOut, RunStatus.TimedOut)]
    [InlineData(RunStatus.Pending, RunTransition.Prune, RunStatus.Pruned)]
    [InlineData(RunStatus.Pending, RunTransition.Stop, RunStatus.Stopped)]
    public void Legal_transitions_lead_where_they_say(RunStatus from, RunTransition transition, RunStatus to)
    {
        Assert.True(RunLifecycle.Allows(from, transition));
        Assert.Equal(to, RunLifecycle.Apply(from, transition));
    }

    [Theory]
    [InlineData(RunStatus.Leased, RunTransition.Lease)]
    [InlineData(RunStatus.Running, RunTransition.Lease)]
    [InlineData(RunStatus.Pending, RunTransition.Start)]
    [InlineData(RunStatus.Pending, RunTransition.Retry)]
    [InlineData(RunStatus.Pending, RunTransition.Requeue)]
    [InlineData(RunStatus.Completed, RunTransition.Start)]
    [InlineData(RunStatus.Completed, RunTransition.Fail)]
    [InlineData(RunStatus.Failed, RunTransition.Retry)]
    [InlineData(RunStatus.Stopped, RunTransition.Requeue)]
    [InlineData(RunStatus.Pruned, RunTransition.Complete)]
    [InlineData(RunStatus.TimedOut, RunTransition.Stop)]
    public void Illegal_transitions_are_refused_with_the_statuses_they_need(RunStatus from, RunTransition transition)
    {
        Assert.False(RunLifecycle.Allows(from, transition));
        var error = Assert.Throws<InvalidOperationException>(() => RunLifecycle.Apply(from, transition));
        Assert.Contains(RunLifecycle.SqlText(from).Trim('\''), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_run_changes_no_more()
    {
        foreach (var status in Enum.GetValues<RunStatus>().Where(Run.IsFinished))
        {
            Assert.All(Enum.GetValues<RunTransition>(), t => Assert.False(RunLifecycle.Allows(status, t), $"{status} allows {t}"));
        }
    }

    [Fact]
    public void Every_final_status_has_the_transition_that_ends_a_run_with_it()
    {
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            if (Run.IsFinished(status))
            {
                Assert.Equal(status, RunLifecycle.To(RunLifecycle.Ending(status)));
            }
            else
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => RunLifecycle.Ending(status));
            }
        }
    }

    [Fact]
    public void Sql_conditions_name_the_stored_words()
    {
        Assert.Equal("status = 'pending'", RunLifecycle.SqlFrom(RunTransition.Lease));
        Assert.Equal("r.status IN ('leased', 'running')", RunLifecycle.SqlFrom(RunTransition.Requeue, "r.status"));
        Assert.Equal("status IN ('pending', 'leased', 'running')", RunLifecycle.SqlFrom(RunTransition.Stop));
        Assert.Equal("'timed_out'", RunLifecycle.SqlTo(RunTransition.TimeOut));
    }
}
