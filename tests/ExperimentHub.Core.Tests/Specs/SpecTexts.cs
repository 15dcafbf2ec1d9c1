namespace ExperimentHub.Core.Tests.Specs;

internal static class SpecTexts
{
    /// <summary>The example of ARCHITECTURE.md, "Sweep spec".</summary>
    public const string Architecture = """
        name: svm-digits
        command: [python3, train.py, "${args}"]
        workdir: examples/sklearn-digits
        method: bayes              # grid | random | bayes | tpe
        objectives:
          - {metric: accuracy, goal: maximize}
          - {metric: inference_ms, goal: minimize}
        constraints:               # a trial outside them counts as infeasible (a failure region)
          - {metric: accuracy, min: 0.75}
        parameters:
          C: {type: float, min: 0.001, max: 1000, log: true}
          kernel: {values: [rbf, poly, linear]}
          degree: {type: int, min: 2, max: 5, when: {kernel: poly}}
        budget: {trials: 60, parallel: 4, minutes: 120}
        early_stopping: {type: asha, metric: val_loss, goal: minimize}
        trial: {timeout_minutes: 30, retries: 2, gpus: 1}
        warm_start: {sweeps: [12, 15]}
        seed: 42
        """;

    /// <summary>A small valid spec in block style; tests replace one line to break it.</summary>
    public const string Minimal = """
        name: tiny
        command: [python3, train.py, "${args}"]
        objectives:
          - metric: loss
            goal: minimize
        parameters:
          lr:
            type: float
            min: 0.0001
            max: 0.1
            log: true
          layers:
            type: int
            min: 1
            max: 4
          optimizer:
            values: [sgd, adam]
        budget:
          trials: 10
        """ + "\n";
}
