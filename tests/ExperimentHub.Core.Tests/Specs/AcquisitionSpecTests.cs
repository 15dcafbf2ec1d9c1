using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

public class AcquisitionSpecTests
{
    private static SweepSpecParseResult Parse(string acquisition, string method = "bayes", string objectives = "[{metric: loss, goal: minimize}]") =>
        SweepSpecParser.ParseYaml($"""
            name: acq
            command: [python3, train.py, "${"{args}"}"]
            method: {method}
            objectives: {objectives}
            parameters:
              x: {"{type: float, min: 0, max: 1}"}
            budget: {"{trials: 20}"}
            acquisition: {acquisition}
            """);

    [Theory]
    [InlineData("ei", Acquisition.ExpectedImprovement)]
    [InlineData("pi", Acquisition.ProbabilityOfImprovement)]
    [InlineData("ucb", Acquisition.UpperConfidenceBound)]
    [InlineData("thompson", Acquisition.ThompsonSampling)]
    public void Each_name_selects_its_function_with_default_options(string name, Acquisition function)
    {
        var spec = SpecAssert.Valid(Parse(name));
        Assert.Equal(new AcquisitionSpec(function, AcquisitionSpec.DefaultXi, AcquisitionSpec.DefaultKappa), spec.Acquisition);
    }

    [Fact]
    public void Options_are_read_for_the_function_that_uses_them()
    {
        Assert.Equal(new AcquisitionSpec(Acquisition.UpperConfidenceBound, Kappa: 3.5), SpecAssert.Valid(Parse("{type: ucb, kappa: 3.5}")).Acquisition);
        Assert.Equal(new AcquisitionSpec(Acquisition.ExpectedImprovement, Xi: 0.1), SpecAssert.Valid(Parse("{type: ei, xi: 0.1}")).Acquisition);
        Assert.Equal(new AcquisitionSpec(Acquisition.ProbabilityOfImprovement, Xi: 0), SpecAssert.Valid(Parse("{type: pi, xi: 0}")).Acquisition);
    }

    [Fact]
    public void No_acquisition_leaves_the_default()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal));
        Assert.Null(spec.Acquisition);
        Assert.Equal(Acquisition.ExpectedImprovement, new BayesSampler().Options.Acquisition);
    }

    [Fact]
    public void Unknown_acquisition_is_refused_with_the_closest_name()
    {
        var error = SpecAssert.HasError(Parse("ucbb"), "acquisition", "must be one of ei, pi, ucb, thompson", line: 8, column: 14);
        Assert.Contains("did you mean 'ucb'", error.Message, StringComparison.Ordinal);
        SpecAssert.HasError(Parse("{type: gp-hedge}"), "acquisition.type", "must be one of ei, pi, ucb, thompson");
        SpecAssert.HasError(Parse("{kappa: 2}"), "acquisition.type", "is required");
        SpecAssert.HasError(Parse("[ei, ucb]"), "acquisition", "must be a mapping such as ei, pi, ucb, thompson, or a mapping");
    }

    [Theory]
    [InlineData("{type: ucb, kappa: -0.5}", "acquisition.kappa", "must be at least 0, not -0.5")]
    [InlineData("{type: ucb, kappa: 11}", "acquisition.kappa", "must be at most 10, not 11")]
    [InlineData("{type: ucb, kappa: fast}", "acquisition.kappa", "must be a number")]
    [InlineData("{type: ei, xi: -0.01}", "acquisition.xi", "must be at least 0, not -0.01")]
    [InlineData("{type: pi, xi: 1.5}", "acquisition.xi", "must be at most 1, not 1.5")]
    public void Out_of_range_options_are_refused_at_the_field(string acquisition, string path, string message)
    {
        SpecAssert.HasError(Parse(acquisition), path, message, line: 8);
    }

    [Theory]
    [InlineData("{type: ei, kappa: 2}", "acquisition.kappa", "'kappa' does not apply to ei (only ucb reads it)")]
    [InlineData("{type: ucb, xi: 0.1}", "acquisition.xi", "'xi' does not apply to ucb (only ei and pi read it)")]
    [InlineData("{type: thompson, xi: 0.1}", "acquisition.xi", "'xi' does not apply to thompson")]
    [InlineData("{type: ei, beta: 2}", "acquisition.beta", "unknown key 'beta'")]
    public void Options_the_function_does_not_read_are_refused(string acquisition, string path, string message)
    {
        SpecAssert.HasError(Parse(acquisition), path, message);
    }

    [Theory]
    [InlineData("tpe")]
    [InlineData("random")]
    [InlineData("cmaes")]
    public void Acquisition_applies_only_to_bayes(string method)
    {
        SpecAssert.HasError(Parse("ucb", method), "acquisition", $"applies only to method bayes, not {method}", line: 8);
    }

    [Fact]
    public void Acquisition_round_trips_through_yaml()
    {
        var spec = SpecAssert.Valid(Parse("{type: ucb, kappa: 3}"));
        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(SweepSpecParser.ToYaml(spec)));
        Assert.Equal(spec.Acquisition, again.Acquisition);
        Assert.Contains("acquisition: {type: ucb, kappa: 3.0}", SweepSpecParser.ToYaml(spec), StringComparison.Ordinal);
    }

    [Fact]
    public void The_factory_passes_the_acquisition_to_the_bayes_sampler()
    {
        var spec = SpecAssert.Valid(Parse("{type: ucb, kappa: 4}"));
        var sampler = Assert.IsType<BayesSampler>(SamplerFactory.Create(spec));
        Assert.Equal((Acquisition.UpperConfidenceBound, 4.0), (sampler.Options.Acquisition, sampler.Options.Kappa));
    }

    [Fact]
    public void Cmaes_is_a_method_for_one_objective()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal.Replace("name: tiny", "name: tiny\nmethod: cmaes", StringComparison.Ordinal)));
        Assert.Equal(SearchMethod.Cmaes, spec.Method);
        Assert.IsType<CmaEsSampler>(SamplerFactory.Create(spec));
        var two = SweepSpecParser.ParseYaml($"""
            name: acq
            command: [run]
            method: cmaes
            objectives: [{"{metric: loss, goal: minimize}"}, {"{metric: ms, goal: minimize}"}]
            parameters:
              x: {"{type: float, min: 0, max: 1}"}
            budget: {"{trials: 20}"}
            """);
        SpecAssert.HasError(two, "method", "cmaes optimizes one objective", line: 3);
    }
}
