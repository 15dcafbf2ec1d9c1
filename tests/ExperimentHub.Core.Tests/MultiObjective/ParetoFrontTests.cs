using ExperimentHub.Core.MultiObjective;

namespace ExperimentHub.Core.Tests.MultiObjective;

public class ParetoFrontTests
{
    private static List<IReadOnlyList<double>> Points(params double[][] p) => [.. p];

    [Fact]
    public void Two_objective_front_keeps_ties_and_drops_dominated_points()
    {
        var points = Points([1, 5], [2, 3], [2, 3], [3, 3], [4, 1], [5, 1], [1, 6], [3, 2]);
        // (3,3) is dominated by (2,3); (5,1) by (4,1); (1,6) by (1,5); the two (2,3) are equal and both stay.
        Assert.Equal([0, 1, 2, 4, 7], ParetoFront.NonDominated(points));
    }

    [Fact]
    public void Noise_margin_keeps_points_that_are_worse_only_within_the_margin()
    {
        var points = Points([1.0, 1.0], [1.05, 1.02], [2, 2]);
        Assert.Equal([0], ParetoFront.NonDominated(points));
        Assert.Equal([0, 1], ParetoFront.NonDominated(points, [0.1, 0.1]));
        Assert.Equal([0, 1], ParetoFront.NonDominated(Points([1, 1, 1], [1.05, 1.02, 1], [2, 2, 2]), [0.1, 0.1, 0.1]));
    }

    [Fact]
    public void Three_objective_front_matches_hand_computed_set()
    {
        var points = Points([1, 2, 3], [2, 1, 3], [1, 2, 3], [2, 2, 3], [3, 3, 0], [3, 3, 1]);
        Assert.Equal([0, 1, 2, 4], ParetoFront.NonDominated(points));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Fast_front_agrees_with_pairwise_definition(int objectives)
    {
        var random = new Random(7);
        for (var round = 0; round < 20; round++)
        {
            // Few distinct values make many ties.
            var points = Enumerable.Range(0, 60)
                .Select(_ => (IReadOnlyList<double>)Enumerable.Range(0, objectives).Select(_ => (double)random.Next(8)).ToArray()).ToList();
            var expected = Enumerable.Range(0, points.Count)
                .Where(i => !Enumerable.Range(0, points.Count).Any(j => ParetoFront.Dominates(points[j], points[i]))).ToArray();
            Assert.Equal(expected, ParetoFront.NonDominated(points));
        }
    }

    [Fact]
    public void Ranks_peel_fronts_in_order()
    {
        var ranks = ParetoFront.Ranks(Points([1, 1], [2, 2], [3, 3], [1, 3]));
        Assert.Equal([0, 1, 2, 1], ranks);
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ParetoFront.NonDominated(Points([1, 2], [1, 2, 3])));
        Assert.Contains("Point 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ParetoFront.NonDominated(Points([1, double.NaN])));
    }
}
