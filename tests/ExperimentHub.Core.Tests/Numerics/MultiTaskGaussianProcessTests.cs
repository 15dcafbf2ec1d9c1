using ExperimentHub.Core.Numerics;

namespace ExperimentHub.Core.Tests.Numerics;

public class MultiTaskGaussianProcessTests
{
    private static List<double[]> Points(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new[] { random.NextDouble(), random.NextDouble() })];
    }

    private static double Wave(double[] x) => Math.Sin(6 * x[0]) + Math.Cos(4 * x[1]);

    private static GpHyperparameters FitTwoTasks(Func<double[], double> earlier, double offset)
    {
        var prior = Points(30, 1);
        var own = Points(8, 2);
        var inputs = prior.Concat(own).ToList();
        var targets = prior.Select(earlier).Concat(own.Select(x => Wave(x) + offset)).ToArray();
        var tasks = prior.Select(_ => 1).Concat(own.Select(_ => 0)).ToArray();
        return GaussianProcess.Fit(inputs, targets, new Random(3), restarts: 2, tasks: tasks, taskPriors: [0.5]);
    }

    [Fact]
    public void An_earlier_task_of_the_same_function_is_fitted_highly_correlated_and_an_unrelated_one_not()
    {
        var random = new Random(9);
        var noise = Points(30, 1).ToDictionary(p => p, _ => 2 * random.NextDouble() - 1);
        var same = FitTwoTasks(Wave, offset: 0);
        var unrelated = FitTwoTasks(x => noise.TryGetValue(x, out var v) ? v : 0, offset: 0);

        Assert.True(same.TaskCorrelations[0] > 0.8, $"same function: {same.TaskCorrelations[0]}");
        Assert.True(unrelated.TaskCorrelations[0] < 0.5, $"unrelated: {unrelated.TaskCorrelations[0]}");
        Assert.Equal(GaussianProcess.TaskOffsetVariance, same.TaskOffsetVariance);
    }

    [Fact]
    public void A_constant_offset_between_tasks_does_not_read_as_disagreement()
    {
        var shifted = FitTwoTasks(Wave, offset: 1.5);
        Assert.True(shifted.TaskCorrelations[0] > 0.8, $"offset 1.5: {shifted.TaskCorrelations[0]}");
    }

    [Fact]
    public void Predictions_of_the_target_task_follow_a_correlated_earlier_task_where_it_has_no_data()
    {
        var prior = Points(40, 1);
        var own = Points(6, 2).Where(x => x[0] < 0.5).ToList();
        var inputs = prior.Concat(own).ToList();
        var targets = prior.Select(Wave).Concat(own.Select(Wave)).ToArray();
        var tasks = prior.Select(_ => 1).Concat(own.Select(_ => 0)).ToArray();
        var hyper = GaussianProcess.Fit(inputs, targets, new Random(3), restarts: 2, tasks: tasks, taskPriors: [0.5]);
        var joint = new GaussianProcess(inputs, targets, hyper, tasks);
        var alone = new GaussianProcess(own, [.. own.Select(Wave)], GaussianProcess.Fit(own, [.. own.Select(Wave)], new Random(3), restarts: 2));

        var probes = Points(50, 5).Where(x => x[0] > 0.6).ToList();
        var scratch = new double[joint.Size];
        var jointError = probes.Average(x => Math.Abs(joint.Predict(x, scratch).Mean - Wave(x)));
        var aloneError = probes.Average(x => Math.Abs(alone.Predict(x, new double[alone.Size]).Mean - Wave(x)));
        Assert.True(jointError < aloneError / 2, $"with the earlier task {jointError}, alone {aloneError}");
    }

    [Fact]
    public void Tasks_out_of_range_are_refused()
    {
        var inputs = Points(3, 1);
        Assert.Throws<ArgumentException>(() => GaussianProcess.Fit(inputs, [0.0, 1, 2], new Random(1), tasks: [0, 1, 2], taskPriors: [0.5]));
        Assert.Throws<ArgumentException>(() => GaussianProcess.Fit(inputs, [0.0, 1, 2], new Random(1), tasks: [0, 1, 1], taskPriors: [1.0]));
    }
}
