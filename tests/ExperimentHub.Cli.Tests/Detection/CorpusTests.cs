using System.Text.Json;
using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Cli.Tests.Detection;

/// <summary>The detector on every script of the corpus: what it finds, what it skips, and what it writes.</summary>
public sealed class CorpusTests : IDisposable
{
    // Reads every _ehub_param(name, default) call of a rewritten script: the names and their defaults, as JSON.
    private const string ReadDefaults = """
        import ast, json, sys
        tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
        found = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_ehub_param":
                found.setdefault(node.args[0].value, []).append(ast.literal_eval(node.args[1]))
        print(json.dumps(found))
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ehub-corpus-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Corpus_holds_at_least_twenty_scripts_of_each_framework()
    {
        var scripts = DetectionCorpus.Scripts;
        Assert.True(scripts.Count >= 20, $"{scripts.Count} scripts");
        Assert.True(scripts.Count(s => s.StartsWith("keras_", StringComparison.Ordinal)) >= 5);
        Assert.True(scripts.Count(s => s.StartsWith("torch_", StringComparison.Ordinal)) >= 5);
        Assert.True(scripts.Count(s => s.StartsWith("sklearn_", StringComparison.Ordinal)) >= 5);
        Assert.All(scripts, s => Assert.True(File.Exists(Path.ChangeExtension(DetectionCorpus.PathOf(s), ".expected.json")), $"{s} has no expectations"));
    }

    [Theory]
    [MemberData(nameof(DetectionCorpus.All), MemberType = typeof(DetectionCorpus))]
    public async Task Script_yields_its_expected_parameters_and_skipped_constructs(string script)
    {
        var detection = await DetectionCorpus.DetectAsync(script);

        Assert.Equal(DetectionCorpus.ExpectedParameters(script), DetectionCorpus.Parameters(detection));
        Assert.Equal(DetectionCorpus.ExpectedSkipped(script), DetectionCorpus.Skipped(detection));
    }

    [Theory]
    [MemberData(nameof(DetectionCorpus.All), MemberType = typeof(DetectionCorpus))]
    public async Task Rewritten_script_parses_and_reads_each_parameter_with_its_original_value_as_default(string script)
    {
        var detection = await DetectionCorpus.DetectAsync(script);
        var rewritten = Path.Combine(_dir.FullName, script);
        await File.WriteAllTextAsync(rewritten, detection.RewrittenScript);

        var result = await ChildProcess.RunAsync(Pythons.Detector, ["-c", ReadDefaults, rewritten], _dir.FullName,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.Describe());
        using var read = JsonDocument.Parse(result.StandardOutput);
        var defaults = read.RootElement.EnumerateObject().ToDictionary(
            p => p.Name, p => p.Value.EnumerateArray().Select(v => DetectionCorpus.Value(Scalar(v))).Distinct().ToList());
        Assert.Equal(detection.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal), defaults.Keys.Order(StringComparer.Ordinal));
        Assert.All(detection.Parameters, p => Assert.Equal([DetectionCorpus.Value(p.Value)], defaults[p.Name]));
    }

    [Theory]
    [MemberData(nameof(DetectionCorpus.All), MemberType = typeof(DetectionCorpus))]
    public async Task Proposed_spec_is_valid_and_holds_every_detected_parameter_with_its_original_value_in_range(string script)
    {
        var detection = await DetectionCorpus.DetectAsync(script);
        var yaml = DetectedSpecWriter.Write(detection, new DetectedSpecOptions
        {
            ScriptName = script,
            SweepName = "corpus",
            Command = ["python3", "rewritten.py"],
        });

        var parsed = SweepSpecParser.ParseYaml(yaml);

        Assert.True(parsed.IsValid, string.Join(Environment.NewLine, parsed.Errors) + Environment.NewLine + yaml);
        var space = parsed.Spec!.Space;
        Assert.Equal(detection.Parameters.Select(p => p.Name), space.Parameters.Select(p => p.Name));
        Assert.All(detection.Parameters, p =>
        {
            var definition = space.Parameters.Single(d => d.Name == p.Name);
            Assert.True(definition.Accepts(p.Value), $"{p.Name}: {DetectionCorpus.Value(p.Value)} is outside {yaml}");
            Assert.Contains($"# {script}:{p.Line}: {p.Source}", yaml, StringComparison.Ordinal);
        });
    }

    private static object Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => value.GetDouble(),
    };
}
