using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Tests.Spaces;

public class EncodingTests
{
    [Fact]
    public void Log_float_round_trips_and_maps_geometric_middle_to_half()
    {
        var p = ParameterDefinition.Float("lr", 1e-4, 1, log: true);
        Assert.Equal(0.5, p.ToUnit(1e-2), 10);
        foreach (var v in new[] { 1e-4, 3e-3, 0.5, 1.0 })
        {
            Assert.Equal(v, (double)p.FromUnit(p.ToUnit(v)), 10);
        }
    }

    [Fact]
    public void Int_with_step_round_trips_and_every_value_gets_an_equal_bin()
    {
        var p = ParameterDefinition.Int("units", 8, 64, step: 8);
        Assert.Equal(8, p.Cardinality);
        for (long v = 8; v <= 64; v += 8)
        {
            Assert.Equal(v, (long)p.FromUnit(p.ToUnit(v)));
        }
        Assert.Equal(8L, p.FromUnit(0.0));
        Assert.Equal(64L, p.FromUnit(1.0));
        Assert.Equal(16L, p.FromUnit(1.5 / 8));
        Assert.False(p.Accepts(12L));
    }

    [Fact]
    public void Categorical_round_trips_through_bin_centres()
    {
        var p = ParameterDefinition.Categorical("kernel", "rbf", "poly", "linear");
        Assert.Equal(0.5, p.ToUnit("poly"), 12);
        Assert.Equal("linear", p.FromUnit(p.ToUnit("linear")));
        Assert.Throws<ArgumentException>(() => p.ToUnit("sigmoid"));
    }

    [Fact]
    public void Conditional_parameter_is_NaN_when_inactive_and_absent_after_decoding()
    {
        var space = new SearchSpace([
            ParameterDefinition.Int("degree", 2, 5).WithCondition("kernel", "poly"),
            ParameterDefinition.Categorical("kernel", "rbf", "poly"),
        ]);
        Assert.Equal("kernel", space.Parameters[0].Name);
        var rbf = space.Encode(new Dictionary<string, object> { ["kernel"] = "rbf", ["degree"] = 3L });
        Assert.True(double.IsNaN(rbf[1]));
        Assert.False(space.Decode(rbf).ContainsKey("degree"));

        var poly = new Dictionary<string, object> { ["kernel"] = "poly", ["degree"] = 4L };
        var decoded = space.Decode(space.Encode(poly));
        Assert.Equal(4L, decoded["degree"]);
        Assert.Equal(space.Fingerprint(poly), space.Fingerprint(decoded));
    }
}
