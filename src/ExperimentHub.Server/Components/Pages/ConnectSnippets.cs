namespace ExperimentHub.Server.Components.Pages;

/// <summary>
/// The code the Connect page shows. The Python script and the HTTP calls are README.md's <c>python-train</c> and
/// <c>http-track</c> snippets, word for word: a test runs the README's copies against a live server and another
/// proves these are the same, so neither drifts.
/// </summary>
internal static class ConnectSnippets
{
    public const string PythonTrain = """
        import math

        import experimenthub as eh

        eh.init(project="vision", name="baseline", params={"lr": 0.01})  # creates the project "vision" on first use
        for step in range(100):
            loss = math.exp(-0.05 * step)
            eh.log({"loss": loss, "accuracy": 1 - loss / 2}, step=step)
        eh.finish()
        """;

    public const string HttpTrack = """
        run=$(curl -sS --fail-with-body "$EXPERIMENTHUB_API_URL/api/v1/projects/vision/runs" \
          -H "Authorization: Bearer $EXPERIMENTHUB_API_KEY" -H "Content-Type: application/json" \
          -d '{"name": "from-curl", "params": {"lr": 0.01}}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
        curl -sS --fail-with-body "$EXPERIMENTHUB_API_URL/api/v1/runs/$run/metrics" \
          -H "Authorization: Bearer $EXPERIMENTHUB_API_KEY" -H "Content-Type: application/json" \
          -d '{"points": [{"key": "loss", "value": 0.5, "step": 1}, {"key": "loss", "value": 0.3, "step": 2}]}'
        curl -sS --fail-with-body "$EXPERIMENTHUB_API_URL/api/v1/runs/$run/finish" \
          -H "Authorization: Bearer $EXPERIMENTHUB_API_KEY" -H "Content-Type: application/json" \
          -d '{"status": "completed"}'
        """;

    /// <summary>The environment the script needs, for a server at <paramref name="baseUrl"/>, run from the repository root.</summary>
    public static string PythonEnvironment(string baseUrl) => $"""
        export PYTHONPATH=$PWD/clients/python
        export EXPERIMENTHUB_API_URL={baseUrl}
        export EXPERIMENTHUB_API_KEY=<your key>
        """;
}
