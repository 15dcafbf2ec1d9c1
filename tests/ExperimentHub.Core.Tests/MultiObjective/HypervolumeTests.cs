using ExperimentHub.Core.MultiObjective;

namespace ExperimentHub.Core.Tests.MultiObjective;

public class HypervolumeTests
{
    private static List<IReadOnlyList<double>> Points(params double[][] p) => [.. p];

    [Fact]
    public void Two_objectives_match_hand_computed_staircase()
    {
        // Reference (4,4): (1,3) adds 3x1, (2,2) adds 2x1, (3,1) adds 1x1 -> 3 + 2 + 1 + overlaps = 6.
        var points = Points([1, 3], [2, 2], [3, 1], [3, 3], [5, 0]);
        Assert.Equal(6.0, Hypervolume.Compute(points, [4, 4]), 12);
    }

    [Fact]
    public void Three_objectives_match_inclusion_exclusion()
    {
        // Boxes to (2,2,2): [0,2]x[1,2]x[1,2] = 2 and [1,2]x[0,2]x[1,2] = 2 overlap in [1,2]x[1,2]x[1,2] = 1; third box adds
        // [1,2]x[1,2]x[0,1] = 1.
        var points = Points([0, 1, 1], [1, 0, 1], [1, 1, 0]);
        Assert.Equal(2 + 2 - 1 + 1.0, Hypervolume.Compute(points, [2, 2, 2]), 12);
    }

    [Fact]
    public void Four_objectives_match_inclusion_exclusion()
    {
        var points = Points([0, 0, 1, 1], [1, 1, 0, 0]);
        // Each box has volume 2*2*1*1 = 4; their intersection [1,2]^4 has volume 1.
        Assert.Equal(7.0, Hypervolume.Compute(points, [2, 2, 2, 2]), 12);
        Assert.Equal(Hypervolume.Compute(Points([0, 1, 1], [1, 0, 1], [1, 1, 0]), [2, 2, 2]),
            Hypervolume.Compute(Points([0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 0]), [2, 2, 2, 1]), 12);
    }

    [Fact]
    public void Points_outside_the_reference_add_nothing()
    {
        Assert.Equal(0.0, Hypervolume.Compute(Points([5, 0], [0, 4]), [4, 4]));
        Assert.Equal(0.0, Hypervolume.Compute(Points(), [1, 1]));
    }

    [Fact]
    public void Contributions_are_exclusive_and_zero_for_dominated_and_duplicates()
    {
        var points = Points([1, 3], [2, 2], [3, 1], [3, 3], [2, 2.5]);
        var c = Hypervolume.Contributions(points, [4, 4]);
        Assert.Equal([1 * 1.0, 1 * 0.5, 1 * 1.0, 0, 0], c);

        var dup = Hypervolume.Contributions(Points([1, 1], [1, 1], [0.5, 3]), [4, 4]);
        Assert.Equal(0.0, dup[0]);
        Assert.Equal(0.0, dup[1]);
        Assert.Equal(0.5 * 1, dup[2], 12);
    }

    [Fact]
    public void Contributions_in_three_objectives_equal_the_loss_on_removal()
    {
        var points = Points([0, 1, 1], [1, 0, 1], [1, 1, 0], [1.5, 1.5, 1.5]);
        var c = Hypervolume.Contributions(points, [2, 2, 2]);
        Assert.Equal([1.0, 1.0, 1.0, 0.0], c.Select(v => Math.Round(v, 12)).ToArray());
    }
}
