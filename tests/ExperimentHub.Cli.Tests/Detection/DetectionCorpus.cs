using System.Globalization;
using System.Text.Json;
using ExperimentHub.Detection;
using ExperimentHub.Core.Detection;

namespace ExperimentHub.Cli.Tests.Detection;

/// <summary>
/// The training scripts under Detection/Corpus, each beside <c>NAME.expected.json</c>: the parameters it must yield
/// (name, value, line, kind) and the constructs it must list as skipped (<c>"line Layer.argument"</c>).
/// </summary>
internal static class DetectionCorpus
{
    public static string Folder => RepositoryPaths.Combine("tests", "ExperimentHub.Cli.Tests", "Detection", "Corpus");

    public static IReadOnlyList<string> Scripts => Directory.GetFiles(Folder, "*.py").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static TheoryData<string> All => new(Scripts);

    public static TheoryData<string> ScikitLearn => new(Scripts.Where(s => s.StartsWith("sklearn_", StringComparison.Ordinal)));

    public static string PathOf(string script) => Path.Combine(Folder, script);

    public static Task<SpaceDetection> DetectAsync(string script) =>
        PythonDetector.DetectAsync(Pythons.Detector, PathOf(script), script, [], CancellationToken.None);

    /// <summary>The expected parameters as <c>name=value@line:kind</c>, in the file's order.</summary>
    public static IReadOnlyList<string> ExpectedParameters(string script)
    {
        using var json = Expected(script);
        return json.RootElement.GetProperty("parameters").EnumerateArray().Select(p => Describe(
            p.GetProperty("name").GetString()!,
            p.GetProperty("value") switch
            {
                { ValueKind: JsonValueKind.String } s => s.GetString()!,
                { ValueKind: JsonValueKind.True } => true,
                { ValueKind: JsonValueKind.False } => false,
                var n => n.GetDouble(),
            },
            p.GetProperty("line").GetInt32(),
            p.GetProperty("kind").GetString()!)).ToList();
    }

    public static IReadOnlyList<string> ExpectedSkipped(string script)
    {
        using var json = Expected(script);
        return json.RootElement.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()!).ToList();
    }

    public static IReadOnlyList<string> Parameters(SpaceDetection detection) =>
        detection.Parameters.Select(p => Describe(p.Name, p.Value, p.Line, p.Kind.ToString().ToLowerInvariant())).ToList();

    public static IReadOnlyList<string> Skipped(SpaceDetection detection) =>
        detection.Skipped.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Line} {s.Layer}.{s.Argument}")).ToList();

    /// <summary>Numbers compare as doubles, so that 10.0 in the expectations matches a detected 10.0.</summary>
    public static string Value(object value) => value switch
    {
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        IConvertible n => n.ToDouble(CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"not a scalar: {value}", nameof(value)),
    };

    private static string Describe(string name, object value, int line, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}={Value(value)}@{line}:{kind}");

    private static JsonDocument Expected(string script) =>
        JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(PathOf(script), ".expected.json")));
}
