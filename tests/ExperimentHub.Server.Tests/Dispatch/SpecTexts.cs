namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>Sweep specs for dispatch tests: nothing runs them, agents are simulated.</summary>
public static class SpecTexts
{
    /// <param name="extra">More top-level YAML lines (trial:, early_stopping:), each ending in a newline.</param>
    public static string Random(int trials, int parallel, string extra = "", int failures = 5) => $$"""
        name: dispatch-test
        command: [python3, train.py, "${args}"]
        method: random
        objectives:
          - {metric: loss, goal: minimize}
        parameters:
          lr: {type: float, min: 0.001, max: 1, log: true}
          layers: {type: int, min: 1, max: 8}
        budget: {trials: {{trials}}, parallel: {{parallel}}, max_consecutive_failures: {{failures}}}
        seed: 3

        """ + extra;
}
