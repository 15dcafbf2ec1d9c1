using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Server.Components.Pages.Detection;

namespace ExperimentHub.Server.Tests.Components.Detection;

public sealed class DetectedParameterRowTests
{
    private static DetectedParameter Parameter(ParameterKind kind, object value, double? min = null, double? max = null, bool log = false, IReadOnlyList<object>? values = null) =>
        new("p", "Dense", "units", "keras", value, 3, 4, "Dense(64)", null, [3], kind, min, max, log, values ?? []);

    [Fact]
    public void A_log_uniform_float_searched_uniformly_loses_its_log_scale()
    {
        var row = new DetectedParameterRow(Parameter(ParameterKind.Float, 0.01, 1e-5, 0.1, log: true)) { Distribution = DetectedParameterRow.Uniform, Min = 0.001 };

        var edited = row.ToParameter();

        Assert.False(edited.Log);
        Assert.Equal(0.001, edited.Min);
        Assert.Equal(0.1, edited.Max);
        Assert.Null(row.Problem);
    }

    [Theory]
    [InlineData(10.0, 5.0, DetectedParameterRow.Uniform, "must be below the maximum")]
    [InlineData(0.0, 5.0, DetectedParameterRow.LogUniform, "must start above 0")]
    [InlineData(1.5, 5.0, DetectedParameterRow.Uniform, "whole-number bounds")]
    public void A_range_that_cannot_be_searched_says_why(double min, double max, string distribution, string problem)
    {
        var row = new DetectedParameterRow(Parameter(ParameterKind.Int, 64L, 8, 1024)) { Min = min, Max = max, Distribution = distribution };

        Assert.Contains(problem, row.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dropped_row_has_no_problem_whatever_its_range()
    {
        var row = new DetectedParameterRow(Parameter(ParameterKind.Int, 64L, 8, 1024)) { Min = 9, Max = 2, Include = false };

        Assert.Null(row.Problem);
    }

    [Fact]
    public void Choices_keep_the_type_of_the_original_values()
    {
        var numbers = new DetectedParameterRow(Parameter(ParameterKind.Categorical, 32L, values: [16L, 32L, 64L])) { Values = "16, 128, true, 0.5" };
        var words = new DetectedParameterRow(Parameter(ParameterKind.Categorical, "relu", values: ["relu", "tanh"])) { Values = "relu, '128', \"elu\"" };

        Assert.Equal([16L, 128L, true, 0.5], numbers.ToParameter().Values);
        Assert.Equal(["relu", "128", "elu"], words.ToParameter().Values);
        Assert.Contains("at least one value", new DetectedParameterRow(Parameter(ParameterKind.Categorical, "relu", values: ["relu"])) { Values = " , " }.Problem,
            StringComparison.Ordinal);
    }
}
