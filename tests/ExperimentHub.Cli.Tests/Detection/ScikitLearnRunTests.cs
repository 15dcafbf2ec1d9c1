using System.Globalization;
using System.Text.Json;
using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Cli.Tests.Detection;

/// <summary>
/// The scikit-learn scripts of the corpus, rewritten, run for real: alone and with their original values they print
/// exactly what the original prints (the fitted model and its score); with other values they run and print another model.
/// </summary>
public sealed class ScikitLearnRunTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ehub-sklearn-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(DetectionCorpus.ScikitLearn), MemberType = typeof(DetectionCorpus))]
    public async Task Rewritten_script_gives_the_original_result_with_the_original_values_and_runs_with_others(string script)
    {
        var detection = await DetectionCorpus.DetectAsync(script);
        Assert.NotEmpty(detection.Parameters);
        var rewritten = Path.Combine(_dir.FullName, script);
        await File.WriteAllTextAsync(rewritten, detection.RewrittenScript);

        var original = await RunAsync(DetectionCorpus.PathOf(script), null);
        var alone = await RunAsync(rewritten, null);
        var sameValues = await RunAsync(rewritten, Params(detection, p => p.Value));
        var otherValues = await RunAsync(rewritten, Params(detection, Other));

        Assert.Contains("EXPERIMENTHUB ", original, StringComparison.Ordinal);
        Assert.Equal(original, alone);
        Assert.Equal(original, sameValues);
        Assert.Contains("EXPERIMENTHUB ", otherValues, StringComparison.Ordinal);
        // Each script prints its fitted model, whose parameters show: other values give another model.
        Assert.NotEqual(original, otherValues);
    }

    private async Task<string> RunAsync(string script, string? parameters)
    {
        var environment = new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" };
        if (parameters is not null)
        {
            environment["EXPERIMENTHUB_PARAMS"] = parameters;
        }
        var result = await ChildProcess.RunAsync(Pythons.ScikitLearn, [script], _dir.FullName, environment, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"{script} with {parameters ?? "no parameters"}: {result.Describe()}");
        return result.StandardOutput;
    }

    private static string Params(SpaceDetection detection, Func<DetectedParameter, object> value) =>
        JsonSerializer.Serialize(detection.Parameters.ToDictionary(p => p.Name, value));

    /// <summary>A value from the proposed range other than the original: another choice, or the range's middle.</summary>
    private static object Other(DetectedParameter p)
    {
        if (p.Kind == ParameterKind.Categorical)
        {
            return p.Values.First(v => DetectionCorpus.Value(v) != DetectionCorpus.Value(p.Value));
        }
        var (min, max) = (p.Min!.Value, p.Max!.Value);
        var middle = p.Log ? Math.Sqrt(min * max) : (min + max) / 2;
        if (p.Kind == ParameterKind.Float)
        {
            return Math.Abs(middle - Convert.ToDouble(p.Value, CultureInfo.InvariantCulture)) > 1e-12 ? middle : min;
        }
        var whole = (long)Math.Round(middle);
        return whole != Convert.ToInt64(p.Value, CultureInfo.InvariantCulture) ? whole : (long)min;
    }
}
