using System.Globalization;
using ExperimentHub.E2E.Tests.Infrastructure;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>Sweep specs over examples/synthetic/train.py and over small probe scripts, with absolute workdirs.</summary>
public static class SweepSpecs
{
    public static string SyntheticWorkdir => Path.Combine(RepoPaths.Root, "examples", "synthetic");

    /// <summary>The synthetic model; each trial takes about <paramref name="epochs"/> × <paramref name="secondsPerEpoch"/> seconds.</summary>
    public static string Synthetic(string name, int trials, int parallel, int epochs = 5, double secondsPerEpoch = 0.2,
        string lr = "{type: float, min: 0.001, max: 0.1, log: true}", string extra = "", string budgetExtra = "") => $$"""
        name: {{name}}
        command: [python3, train.py, "${args}", --epochs={{epochs}}, --seconds-per-epoch={{secondsPerEpoch.ToString(CultureInfo.InvariantCulture)}}]
        workdir: "{{SyntheticWorkdir}}"
        method: random
        objectives:
          - {metric: val_loss, goal: minimize}
        parameters:
          lr: {{lr}}
          momentum: {type: float, min: 0.5, max: 0.99}
          layers: {type: int, min: 1, max: 8}
          optimizer: {values: [sgd, adam, rmsprop]}
        budget: {trials: {{trials}}, parallel: {{parallel}}{{budgetExtra}}}
        seed: 3
        {{extra}}
        """;

    /// <summary>A spec running <c>python3 script args... ${args}</c> in <paramref name="workdir"/>, one float parameter x.</summary>
    public static string Script(string name, string workdir, string script, IEnumerable<string> args, int trials, int parallel, string extra = "") => $$"""
        name: {{name}}
        command: [python3, "{{script}}", {{string.Join(", ", args.Select(a => $"\"{a}\""))}}, "${args}"]
        workdir: "{{workdir}}"
        method: random
        objectives:
          - {metric: score, goal: maximize}
        parameters:
          x: {type: float, min: 0, max: 1}
        budget: {trials: {{trials}}, parallel: {{parallel}}}
        seed: 11
        {{extra}}
        """;
}
