using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Services;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

public sealed class ImportanceCacheTests
{
    [Fact]
    public void The_same_completed_trials_get_the_shares_computed_before()
    {
        var spec = SweepFixtures.Spec();
        var cache = new ImportanceCache();
        var first = cache.GetOrBuild(7, SweepFixtures.Trials(200), spec, spec.Objectives[0]);
        // A fresh read of the same trials (new objects), as a second page load would have.
        var again = cache.GetOrBuild(7, SweepFixtures.Trials(200), spec, spec.Objectives[0]);
        Assert.Same(first, again);
        Assert.Equal(ImportanceBuilder.Build(SweepFixtures.Trials(200), spec, spec.Objectives[0]), first);
    }

    [Fact]
    public void A_new_or_changed_completed_trial_or_another_objective_computes_them_again()
    {
        var spec = SweepFixtures.Spec();
        var trials = SweepFixtures.Trials(200);
        var cache = new ImportanceCache();
        var first = cache.GetOrBuild(7, trials, spec, spec.Objectives[0]);

        var changed = trials.ToList();
        changed[3] = changed[3] with { Metrics = new Dictionary<string, double>(changed[3].Metrics) { ["accuracy"] = 0.99 } };
        Assert.NotSame(first, cache.GetOrBuild(7, changed, spec, spec.Objectives[0]));
        Assert.NotSame(first, cache.GetOrBuild(7, SweepFixtures.Trials(201), spec, spec.Objectives[0]));
        Assert.NotEqual(ImportanceCache.Fingerprint(trials, spec.Objectives[0]), ImportanceCache.Fingerprint(trials, spec.Objectives[1]));
    }

    [Fact]
    public void Trials_that_are_not_completed_do_not_change_the_fingerprint()
    {
        var spec = SweepFixtures.Spec();
        var trials = SweepFixtures.Trials(50);
        var withRunning = trials.Append(trials[0] with { RunId = 99_999, State = "running" }).ToList();
        Assert.Equal(ImportanceCache.Fingerprint(trials, spec.Objectives[0]), ImportanceCache.Fingerprint(withRunning, spec.Objectives[0]));
    }
}
