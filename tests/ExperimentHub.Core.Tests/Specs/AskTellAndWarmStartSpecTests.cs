using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

public class AskTellAndWarmStartSpecTests
{
    private const string Base = """
        name: s
        objectives:
          - {metric: loss, goal: minimize}
        parameters:
          x: {type: float, min: 0, max: 1}
        budget: {trials: 10}

        """;

    private static SweepSpecParseResult Parse(string extra) => SweepSpecParser.Parse(Base + extra, SpecFormat.Yaml);

    [Fact]
    public void A_spec_without_a_command_is_an_ask_tell_sweep_and_writes_back_without_one()
    {
        var spec = Parse("").GetSpecOrThrow();
        Assert.True(spec.IsAskTell);
        Assert.Empty(spec.Command);
        var again = SweepSpecParser.Parse(SweepSpecParser.ToYaml(spec), SpecFormat.Yaml).GetSpecOrThrow();
        Assert.True(again.IsAskTell);

        Assert.False(Parse("command: [python3, train.py]").GetSpecOrThrow().IsAskTell);
        Assert.Contains(Parse("command: []").Errors, e => e.Path == "command");
        Assert.Contains(Parse("workdir: examples").Errors, e => e.Path == "workdir");
    }

    [Fact]
    public void Warm_start_auto_reads_its_scope_and_listed_sweeps_still_work()
    {
        Assert.Equal(WarmStartScope.Project, Parse("warm_start: auto").GetSpecOrThrow().AutoWarmStart);
        Assert.Equal(WarmStartScope.All, Parse("warm_start: {sweeps: auto, scope: all}").GetSpecOrThrow().AutoWarmStart);
        var listed = Parse("warm_start: {sweeps: [3, 4]}").GetSpecOrThrow();
        Assert.Null(listed.AutoWarmStart);
        Assert.Equal([3L, 4L], listed.WarmStartSweeps);

        Assert.Contains(Parse("warm_start: {sweeps: auto, scope: everywhere}").Errors, e => e.Path == "warm_start.scope");
        Assert.Contains(Parse("warm_start: {sweeps: [3], scope: all}").Errors, e => e.Path == "warm_start.scope");
        Assert.Contains(Parse("warm_start: automatic").Errors, e => e.Path == "warm_start");

        var all = Parse("warm_start: {sweeps: auto, scope: all}\ndataset: mnist-v2").GetSpecOrThrow();
        var back = SweepSpecParser.Parse(SweepSpecParser.ToYaml(all), SpecFormat.Yaml).GetSpecOrThrow();
        Assert.Equal(WarmStartScope.All, back.AutoWarmStart);
        Assert.Equal("mnist-v2", back.Dataset);
    }
}
