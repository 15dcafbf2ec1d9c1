using System.CommandLine;
using System.Text.Json;
using ExperimentHub.Detection;
using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// <c>ehub space detect train.py [--write-script OUT.py] [--json]</c>: finds the hyperparameters of a Python training
/// script (Keras, PyTorch, scikit-learn) without running it, and proposes a sweep spec for them.
/// </summary>
internal static class SpaceDetectCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // Metric names that are better when larger; anything else is taken to be a loss or an error.
    private static readonly string[] LargerIsBetter = ["acc", "auc", "f1", "score", "r2", "precision", "recall", "iou", "map"];

    public static Command Create(SweepTerminal terminal)
    {
        var script = new Argument<FileInfo>("script") { Description = "The Python training script; it is parsed, never run" };
        var writeScript = new Option<FileInfo?>("--write-script", "-w")
        {
            Description = "Write the script rewritten to read each value from EXPERIMENTHUB_PARAMS (the original value as default) to this file",
        };
        var json = new Option<bool>("--json") { Description = "Write JSON (parameters, skipped constructs, the spec) instead of the YAML spec" };
        var metadata = new Option<FileInfo[]>("--metadata", "-m")
        {
            Description = "A table of your own (the columns of hyperparameters.csv) that adds layers and parameters; its rows win. May be repeated",
            AllowMultipleArgumentsPerToken = false,
        };
        var metric = new Option<string>("--metric") { Description = "The metric the proposed spec optimizes", DefaultValueFactory = _ => "loss" };
        var goal = new Option<Goal?>("--goal") { Description = "minimize or maximize (default: maximize for names like accuracy, f1 or r2, else minimize)" };
        var trials = new Option<int>("--trials") { Description = "The proposed budget's trials", DefaultValueFactory = _ => 20 };
        var python = new Option<string>("--python")
        {
            Description = "The Python 3 interpreter that runs the detector, and the proposed spec's command",
            DefaultValueFactory = _ => PythonDetector.DefaultPython,
        };
        var command = new Command("detect", "Find the hyperparameters in a Python training script and propose a sweep spec");
        command.Arguments.Add(script);
        command.Options.Add(writeScript);
        command.Options.Add(json);
        command.Options.Add(metadata);
        command.Options.Add(metric);
        command.Options.Add(goal);
        command.Options.Add(trials);
        command.Options.Add(python);
        command.SetAction((parse, cancellationToken) => RunAsync(new Request(
            parse.GetRequiredValue(script), parse.GetValue(writeScript), parse.GetValue(json), parse.GetValue(metadata) ?? [],
            parse.GetValue(metric)!, parse.GetValue(goal), parse.GetValue(trials), parse.GetValue(python)!), terminal, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, SweepTerminal terminal, CancellationToken cancellationToken)
    {
        var shown = request.Script.ToString();
        if (!request.Script.Exists)
        {
            terminal.Fail($"{shown}: no such file");
            return SweepExitCodes.Usage;
        }
        if (request.Metadata.FirstOrDefault(m => !m.Exists) is { } absent)
        {
            terminal.Fail($"{absent}: no such file (--metadata)");
            return SweepExitCodes.Usage;
        }
        if (request.WriteScript is { } target && PathsEqual(target.FullName, request.Script.FullName))
        {
            terminal.Fail($"--write-script {target} would overwrite the script itself; name another file");
            return SweepExitCodes.Usage;
        }
        if (request.Trials < 1)
        {
            terminal.Fail($"--trials must be at least 1, not {request.Trials}");
            return SweepExitCodes.Usage;
        }

        SpaceDetection detection;
        try
        {
            detection = await PythonDetector.DetectAsync(request.Python, request.Script.FullName, shown,
                request.Metadata.Select(m => m.FullName).ToList(), cancellationToken);
        }
        catch (SpaceDetectionException e)
        {
            // A syntax error reads as compilers print them, file:line:col, so that editors can jump to it.
            terminal.Fail(e.Line is { } line ? $"{shown}:{line}:{e.Column ?? 1}: {e.Message}" : e.Message);
            return e.Kind is "python" or "detector" ? SweepExitCodes.Failed : SweepExitCodes.Usage;
        }

        if (detection.Parameters.Count == 0)
        {
            foreach (var s in detection.Skipped)
            {
                terminal.ErrorLine($"{shown}:{s.Line}:{s.Column}: skipped {s.Layer}.{s.Argument}: {s.Reason}");
            }
            terminal.Fail($"{shown}: no hyperparameters found (the table knows Keras, PyTorch and scikit-learn layers; add yours with --metadata)");
            return SweepExitCodes.Failed;
        }

        var spec = DetectedSpecWriter.Write(detection, SpecOptions(request, shown));
        var parsed = SweepSpecParser.ParseYaml(spec);
        if (!parsed.IsValid)
        {
            // The writer and the parser disagree: a bug of ours, reported with the spec so that it can be fixed.
            terminal.ErrorLine(spec);
            terminal.Fail("the proposed spec does not validate: " + string.Join("; ", parsed.Errors));
            return SweepExitCodes.Failed;
        }
        if (request.WriteScript is { } output)
        {
            if (output.Directory is { Exists: false } directory)
            {
                directory.Create();
            }
            await File.WriteAllTextAsync(output.FullName, detection.RewrittenScript, cancellationToken);
        }

        if (request.Json)
        {
            terminal.Line(JsonSerializer.Serialize(new
            {
                Script = shown,
                detection.Parameters,
                detection.Skipped,
                Spec = spec,
                detection.RewrittenScript,
                WrittenTo = request.WriteScript?.ToString(),
            }, Json));
        }
        else
        {
            terminal.Out.Profile.Out.Writer.Write(spec);
            if (request.WriteScript is { } written)
            {
                terminal.ErrorLine($"wrote {written}: {detection.Parameters.Count} value(s) now read from EXPERIMENTHUB_PARAMS");
            }
        }
        return SweepExitCodes.Ok;
    }

    private static DetectedSpecOptions SpecOptions(Request request, string shown)
    {
        // The trial runs the rewritten script from its folder; without --write-script the spec names where it would go.
        var rewritten = request.WriteScript?.ToString()
            ?? Path.Combine(Path.GetDirectoryName(shown) ?? "", Path.GetFileNameWithoutExtension(shown) + "_ehub.py");
        var notes = request.WriteScript is null
            ? new[] { $"Write the rewritten script first: ehub space detect {shown} --write-script {rewritten}" }
            : [];
        var name = new string(Path.GetFileNameWithoutExtension(shown).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return new DetectedSpecOptions
        {
            ScriptName = shown,
            SweepName = name.Length == 0 ? "detected" : name,
            Command = [request.Python, Path.GetFileName(rewritten)],
            Workdir = Path.GetDirectoryName(rewritten) is { Length: > 0 } folder ? folder : null,
            Metric = request.Metric,
            Goal = request.Goal ?? (LargerIsBetter.Any(w => request.Metric.Contains(w, StringComparison.OrdinalIgnoreCase)) ? Goal.Maximize : Goal.Minimize),
            Trials = request.Trials,
            Notes = notes,
        };
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private sealed record Request(
        FileInfo Script, FileInfo? WriteScript, bool Json, FileInfo[] Metadata, string Metric, Goal? Goal, int Trials, string Python);
}
