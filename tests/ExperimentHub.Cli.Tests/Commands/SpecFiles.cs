namespace ExperimentHub.Cli.Tests.Commands;

/// <summary>Spec files in a temporary folder, deleted with it.</summary>
internal sealed class SpecFiles : IDisposable
{
    public const string Valid = """
        name: cli-test
        command: [python3, train.py, "${args}"]
        method: random
        objectives:
          - {metric: val_loss, goal: minimize}
        parameters:
          lr: {type: float, min: 0.0001, max: 0.1, log: true}
        budget: {trials: 4, parallel: 2}
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ehub-cli-");

    public string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
