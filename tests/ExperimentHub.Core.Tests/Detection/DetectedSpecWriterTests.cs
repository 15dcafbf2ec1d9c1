using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Detection;

public sealed class DetectedSpecWriterTests
{
    private static readonly DetectedSpecOptions Options = new()
    {
        ScriptName = "train.py",
        SweepName = "train",
        Command = ["python3", "train_ehub.py"],
        Workdir = "jobs/x",
        Metric = "accuracy",
        Goal = Goal.Maximize,
        Trials = 12,
    };

    [Fact]
    public void Spec_reads_back_with_every_parameter_its_range_and_the_options()
    {
        var detection = new SpaceDetection(
        [
            Parameter("lr", ParameterKind.Float, 0.001, 1e-5, 0.1, log: true),
            Parameter("slope", ParameterKind.Float, -0.5, -1, 1),
            Parameter("units", ParameterKind.Int, 64L, 8, 1024, log: true),
            Parameter("kernel", ParameterKind.Categorical, 3L, values: [1L, 3L, 5L]),
            Parameter("activation", ParameterKind.Categorical, "relu", values: ["relu", "tanh \"quoted\""]),
            Parameter("bias", ParameterKind.Categorical, true, values: [true, false]),
        ], [new SkippedConstruct(9, 5, "Dense", "units", "an expression\nover two lines", "Dense(n * 2)")], "");

        var yaml = DetectedSpecWriter.Write(detection, Options);
        var parsed = SweepSpecParser.ParseYaml(yaml);

        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors) + "\n" + yaml);
        var spec = parsed.Spec!;
        Assert.Equal(
            [
                ParameterDefinition.Float("lr", 1e-5, 0.1, log: true),
                ParameterDefinition.Float("slope", -1, 1),
                ParameterDefinition.Int("units", 8, 1024, log: true),
            ],
            spec.Space.Parameters.Take(3));
        Assert.Equal([1L, 3L, 5L], spec.Space.Parameters[3].Choices);
        Assert.Equal(["relu", "tanh \"quoted\""], spec.Space.Parameters[4].Choices);
        Assert.Equal([true, false], spec.Space.Parameters[5].Choices);
        Assert.Equal(["python3", "train_ehub.py"], spec.Command);
        Assert.Equal(("jobs/x", 12), (spec.Workdir, spec.Budget.Trials));
        Assert.Equal(("accuracy", Goal.Maximize), (spec.Objectives[0].Metric, spec.Objectives[0].Goal));
        Assert.Contains("#   train.py:9:5: Dense.units: an expression over two lines\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  # train.py:3: source of lr  [Layer.lr = 0.001]\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Detection_without_parameters_gives_no_spec()
    {
        Assert.Throws<ArgumentException>(() => DetectedSpecWriter.Write(new SpaceDetection([], [], ""), Options));
    }

    private static DetectedParameter Parameter(string name, ParameterKind kind, object value, double? min = null, double? max = null,
        bool log = false, object[]? values = null) =>
        new(name, "Layer", name, "keras", value, 3, 1, $"source of {name}", null, [3], kind, min, max, log, values ?? []);
}
