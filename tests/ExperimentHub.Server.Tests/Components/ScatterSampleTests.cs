using ExperimentHub.Server.Components.Charts;

namespace ExperimentHub.Server.Tests.Components;

public sealed class ScatterSampleTests
{
    private static ScatterGroup Group(int count, Func<int, bool>? selected = null) => new(
        Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
        Enumerable.Range(0, count).Select(i => (double)(count - i)).ToArray(),
        Enumerable.Range(0, count).Select(i => (long)i + 1).ToArray(),
        Enumerable.Range(0, count).Select(i => $"trial {i}").ToArray(),
        selected is null ? null : Enumerable.Range(0, count).Select(selected).ToArray());

    [Fact]
    public void Small_groups_come_back_whole()
    {
        var group = Group(50);
        Assert.Same(group, ScatterSample.Take(group, 100));
    }

    [Fact]
    public void Big_groups_are_thinned_evenly_and_the_same_way_every_time()
    {
        var group = Group(10_000);
        var first = ScatterSample.Take(group, 2000);
        var second = ScatterSample.Take(group, 2000);
        Assert.Equal(2000, first.X.Count);
        Assert.Equal(first.Ids, second.Ids);
        Assert.Equal(1, first.Ids[0]);
        Assert.Equal(6, first.Ids[1]);
        Assert.Equal($"trial {first.Ids[10] - 1}", first.Text[10]);
    }

    [Fact]
    public void Brushed_points_are_kept_before_the_others()
    {
        var group = Group(10_000, i => i % 10 == 0);
        var sample = ScatterSample.Take(group, 1500);
        Assert.Equal(1500, sample.X.Count);
        Assert.Equal(1000, sample.Selected!.Count(s => s));
        Assert.True(sample.X.Zip(sample.X.Skip(1)).All(p => p.First < p.Second), "the sample keeps the group's order");
    }

    [Fact]
    public void Pareto_sample_keeps_the_whole_front_and_caps_infeasible_markers()
    {
        var data = new ParetoData(Group(300), Group(9_000), Group(700), "x", "y", XMaximized: false);
        var shown = data.Sampled();
        Assert.Equal(10_000, data.Total);
        Assert.Same(data.Front, shown.Front);
        Assert.Equal(ScatterSample.MaxInfeasible, shown.Infeasible.X.Count);
        Assert.Equal(ScatterSample.MaxPoints - 300 - ScatterSample.MaxInfeasible, shown.Dominated.X.Count);
        Assert.Equal("showing 600 of 10,000", ScatterSample.Caption(shown.Total, data.Total));
        Assert.Equal("", ScatterSample.Caption(10, 10));
    }
}
