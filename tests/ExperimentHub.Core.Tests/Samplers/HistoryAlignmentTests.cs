using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Tests.Samplers;

public class HistoryAlignmentTests
{
    private static readonly SearchSpace Plane = new([ParameterDefinition.Float("x", 0, 1), ParameterDefinition.Float("y", 0, 1)]);

    /// <summary>A tilted bowl with its minimum at (0.4, 0.6).</summary>
    private static double Landscape(double x, double y) => Math.Pow(x - 0.4, 2) + 2 * Math.Pow(y - 0.6, 2) + (x - 0.4) * (y - 0.6);

    /// <summary>A wavy landscape with several minima, unrelated to <see cref="Landscape"/>.</summary>
    private static double Unrelated(double x, double y) => Math.Sin(9 * x + 1) * Math.Cos(7 * y) + 0.3 * x;

    private static List<Observation> Points(int count, int seed, double dx, double dy, double scale, double level, int task) =>
        Points(count, seed, (x, y) => level + scale * Landscape(x - dx, y - dy), task);

    private static List<Observation> Points(int count, int seed, Func<double, double, double> f, int task)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            double[] p = [0.15 + 0.7 * random.NextDouble(), 0.15 + 0.7 * random.NextDouble()];
            return new Observation(p, [f(p[0], p[1])], true, [], task);
        })];
    }

    [Fact]
    public void A_translated_landscape_is_lined_up_by_its_shift_whatever_its_scale_and_level()
    {
        var earlier = Points(40, 1, 0, 0, 1, 0, task: 1);
        var own = Points(10, 2, 0.08, -0.05, scale: 3, level: 7, task: 0);
        var shift = HistoryAlignment.FitShift(Plane, [0, 1], earlier, own, new Random(3));
        Assert.True(Math.Abs(shift[0] - 0.08) < 0.02 && Math.Abs(shift[1] + 0.05) < 0.02, $"shift {shift[0]}, {shift[1]}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 7)]
    [InlineData(0.2, -4)]
    public void Trials_that_agree_with_the_history_where_it_stands_leave_it_exactly_in_place(double scale, double level)
    {
        var earlier = Points(40, 4, 0, 0, 1, 0, task: 1);
        var own = Points(20, 5, 0, 0, scale, level, task: 0);
        var shift = HistoryAlignment.FitShift(Plane, [0, 1], earlier, own, new Random(6));
        Assert.Equal([0.0, 0.0], shift);
    }

    [Fact]
    public void An_unrelated_history_is_not_aligned()
    {
        var earlier = Points(40, 10, Unrelated, task: 1);
        var own = Points(20, 11, 0, 0, 1, 0, task: 0);
        var shift = HistoryAlignment.FitShift(Plane, [0, 1], earlier, own, new Random(12));
        Assert.Equal([0.0, 0.0], shift);
        var aligned = HistoryAlignment.Align([.. earlier, .. own], Plane, new Random(12));
        Assert.Equal(earlier.Select(o => o.Point), aligned.Where(o => o.Task == 1).Select(o => o.Point));
    }

    [Fact]
    public void A_shift_along_one_coordinate_moves_only_that_coordinate()
    {
        var earlier = Points(40, 13, 0, 0, 1, 0, task: 1);
        var own = Points(12, 14, 0, 0.12, 1, 0, task: 0);
        var shift = HistoryAlignment.FitShift(Plane, [0, 1], earlier, own, new Random(15));
        Assert.True(Math.Abs(shift[0]) < 0.02 && Math.Abs(shift[1] - 0.12) < 0.02, $"shift {shift[0]}, {shift[1]}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_alignment()
    {
        var observations = Points(40, 16, 0, 0, 1, 0, task: 1).Concat(Points(10, 17, -0.07, 0.04, 1, 0, task: 0)).ToList();
        var first = HistoryAlignment.Align(observations, Plane, new Random(18));
        var second = HistoryAlignment.Align(observations, Plane, new Random(18));
        Assert.Equal(first.Select(o => o.Point), second.Select(o => o.Point));
    }

    [Theory]
    [InlineData(1, 0.999, 10.83)]
    [InlineData(2, 0.999, 13.82)]
    [InlineData(6, 0.999, 22.46)]
    public void The_test_threshold_is_the_chi_square_quantile(int degrees, double probability, double expected) =>
        Assert.InRange(HistoryAlignment.ChiSquareQuantile(degrees, probability), expected * 0.95, expected * 1.05);

    [Fact]
    public void Aligning_moves_only_the_earlier_sweeps_points_and_waits_for_enough_own_trials()
    {
        var earlier = Points(40, 7, 0, 0, 1, 0, task: 1);
        var own = Points(10, 8, 0.1, 0.1, 1, 0, task: 0);
        var aligned = HistoryAlignment.Align([.. earlier, .. own], Plane, new Random(9));
        Assert.Equal(own.Select(o => o.Point), aligned.Where(o => o.Task == 0).Select(o => o.Point));
        var moved = aligned.Where(o => o.Task == 1).Zip(earlier, (a, e) => a.Point[0] - e.Point[0]).ToList();
        Assert.All(moved, d => Assert.InRange(d, 0.07, 0.13));

        // Two shifted coordinates, a scale and a level need more than the five trials of this sweep to be told apart.
        var early = HistoryAlignment.Align([.. earlier, .. own.Take(5)], Plane, new Random(9));
        Assert.Equal(earlier.Select(o => o.Point), early.Where(o => o.Task == 1).Select(o => o.Point));
    }

    [Fact]
    public void A_search_box_around_history_moved_past_a_face_stays_inside_the_cube()
    {
        var outside = Enumerable.Range(0, 5).Select(i => new Observation([-0.2 - 0.01 * i, 1.3], [i], true, [], 1)).ToList();
        var box = SearchBox.AroundBest(Plane, outside);
        for (var d = 0; d < 2; d++)
        {
            Assert.True(box.Lower[d] <= box.Upper[d], $"dimension {d}: {box.Lower[d]} > {box.Upper[d]}");
            Assert.InRange(box.Lower[d], 0, 1);
            Assert.InRange(box.Upper[d], 0, 1);
        }
    }
}
