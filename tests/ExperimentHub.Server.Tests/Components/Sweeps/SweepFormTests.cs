using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Pages.Sweeps;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

public sealed class SweepFormTests
{
    [Theory]
    [InlineData("ei", 0.05, null, Acquisition.ExpectedImprovement)]
    [InlineData("pi", 0.2, null, Acquisition.ProbabilityOfImprovement)]
    [InlineData("ucb", null, 3.5, Acquisition.UpperConfidenceBound)]
    [InlineData("thompson", null, null, Acquisition.ThompsonSampling)]
    public void Each_acquisition_of_the_form_reaches_the_spec_with_its_option(string type, double? xi, double? kappa, Acquisition expected)
    {
        var form = new SweepForm { Method = "bayes", Acquisition = type, Xi = xi, Kappa = kappa };
        var spec = SweepSpecParser.Parse(form.ToYaml(), SpecFormat.Yaml).GetSpecOrThrow();
        Assert.Equal(expected, spec.Acquisition!.Function);
        if (xi is { } x)
        {
            Assert.Equal(x, spec.Acquisition.Xi);
        }
        if (kappa is { } k)
        {
            Assert.Equal(k, spec.Acquisition.Kappa);
        }
    }

    [Fact]
    public void An_out_of_range_option_is_an_error_at_its_field_and_other_methods_write_no_acquisition()
    {
        var tooWide = new SweepForm { Method = "bayes", Acquisition = "ucb", Kappa = 50 };
        var parsed = SweepSpecParser.Parse(tooWide.ToYaml(), SpecFormat.Yaml);
        Assert.Contains(parsed.Errors, e => e.Path == "acquisition.kappa");

        var tpe = new SweepForm { Method = "tpe", Acquisition = "ucb", Kappa = 50 };
        Assert.DoesNotContain("acquisition", tpe.ToYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_command_makes_an_ask_tell_sweep()
    {
        var form = new SweepForm { Command = " " };
        var spec = SweepSpecParser.Parse(form.ToYaml(), SpecFormat.Yaml).GetSpecOrThrow();
        Assert.True(spec.IsAskTell);
    }
}
