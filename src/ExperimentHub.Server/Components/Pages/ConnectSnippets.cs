namespace ExperimentHub.Server.Components.Pages;

/// <summary>
/// The code the Connect page shows. The Python script is README.md's <c>python-train</c> snippet, word for word: a
/// test runs the README's copy against a live server and another proves this one is the same, so neither drifts.
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

    /// <summary>The environment the script needs, for a server at <paramref name="baseUrl"/>, run from the repository root.</summary>
    public static string PythonEnvironment(string baseUrl) => $"""
        export PYTHONPATH=$PWD/clients/python
        export EXPERIMENTHUB_API_URL={baseUrl}
        export EXPERIMENTHUB_API_KEY=<your key>
        """;
}
