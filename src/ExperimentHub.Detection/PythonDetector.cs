using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Detection;

/// <summary>
/// Runs the detector (<c>ehub_detect.py</c>, shipped beside this assembly with its table <c>hyperparameters.csv</c>) as
/// a child process without a shell, in Python's isolated mode so that nothing from the script's folder or the
/// environment is imported, and reads its JSON answer. The script itself is only parsed, never run.
/// </summary>
internal static class PythonDetector
{
    public const string DefaultPython = "python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The detector script, beside the assembly.</summary>
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Detection", "ehub_detect.py");

    /// <summary>The shipped metadata table.</summary>
    public static string TablePath => Path.Combine(AppContext.BaseDirectory, "Detection", "hyperparameters.csv");

    /// <param name="python">The interpreter: a name looked up on the PATH or a path.</param>
    /// <param name="script">The training script to read.</param>
    /// <param name="display">The script's name in messages, as the user wrote it.</param>
    /// <param name="tables">Tables of the user's own, added to the shipped one (their rows win).</param>
    /// <exception cref="SpaceDetectionException">The script was refused, or the detector could not run.</exception>
    public static async Task<SpaceDetection> DetectAsync(string python, string script, string display, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new SpaceDetectionException("detector", $"the detector is missing: {ScriptPath} should ship with ehub");
        }
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["-I", "-B", ScriptPath, Path.GetFullPath(script), "--display", display])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var table in tables)
        {
            start.ArgumentList.Add("--metadata");
            start.ArgumentList.Add(Path.GetFullPath(table));
        }
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            throw new SpaceDetectionException("python", $"{python} could not be started ({e.Message}): the detector needs Python 3.8 or later; install it or name it with --python PATH");
        }
        if (process is null)
        {
            throw new SpaceDetectionException("python", $"{python} could not be started");
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            string output, error;
            try
            {
                var reading = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                output = await reading;
                error = await errors;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                throw new SpaceDetectionException("detector", $"the detector did not answer within {Timeout.TotalMinutes:0} minutes");
            }
            if (process.ExitCode != 0 || output.Trim().Length == 0)
            {
                throw new SpaceDetectionException("detector", $"the detector failed with exit code {process.ExitCode} under {python}: {Tail(error)}");
            }
            return Read(output);
        }
    }

    /// <summary>
    /// Detects the hyperparameters of a script given as text (pasted or uploaded into the dashboard): it is written
    /// to a private temporary file for the detector to read, and removed afterwards.
    /// </summary>
    /// <param name="display">The script's name in messages (the uploaded file's name, or <c>train.py</c>).</param>
    /// <exception cref="SpaceDetectionException">The script was refused, or the detector could not run.</exception>
    public static async Task<SpaceDetection> DetectSourceAsync(string python, string source, string display, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var folder = Directory.CreateTempSubdirectory("ehub-detect-");
        try
        {
            // Under the given name, so that the detector judges its extension (a .txt or .csv upload is refused).
            var name = Path.GetFileName(display.Replace('\\', '/'));
            var path = Path.Combine(folder.FullName, name.Length == 0 || name.StartsWith('.') ? "script.py" : name);
            await File.WriteAllTextAsync(path, source, cancellationToken);
            return await DetectAsync(python, path, display, [], cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Reads the detector's JSON answer.</summary>
    public static SpaceDetection Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
        {
            var error = root.GetProperty("error");
            throw new SpaceDetectionException(error.GetProperty("kind").GetString()!, error.GetProperty("message").GetString()!,
                OptionalInt(error, "line"), OptionalInt(error, "column"));
        }
        var parameters = root.GetProperty("parameters").EnumerateArray().Select(p => new DetectedParameter(
            p.GetProperty("name").GetString()!,
            p.GetProperty("layer").GetString()!,
            p.GetProperty("argument").GetString()!,
            p.GetProperty("framework").GetString()!,
            Value(p.GetProperty("value")),
            p.GetProperty("line").GetInt32(),
            p.GetProperty("column").GetInt32(),
            p.GetProperty("source").GetString()!,
            p.GetProperty("variable").ValueKind == JsonValueKind.String ? p.GetProperty("variable").GetString() : null,
            p.GetProperty("uses").EnumerateArray().Select(u => u.GetInt32()).ToList(),
            Kind(p.GetProperty("kind").GetString()!),
            OptionalDouble(p, "min"),
            OptionalDouble(p, "max"),
            p.TryGetProperty("log", out var log) && log.GetBoolean(),
            p.TryGetProperty("values", out var values) ? values.EnumerateArray().Select(Value).ToList() : [])).ToList();
        var skipped = root.GetProperty("skipped").EnumerateArray().Select(s => new SkippedConstruct(
            s.GetProperty("line").GetInt32(),
            s.GetProperty("column").GetInt32(),
            s.GetProperty("layer").GetString()!,
            s.GetProperty("argument").GetString()!,
            s.GetProperty("reason").GetString()!,
            s.GetProperty("source").GetString()!)).ToList();
        return new SpaceDetection(parameters, skipped, root.GetProperty("rewritten").GetString()!);
    }

    private static ParameterKind Kind(string kind) => kind switch
    {
        "int" => ParameterKind.Int,
        "float" => ParameterKind.Float,
        "categorical" => ParameterKind.Categorical,
        _ => throw new SpaceDetectionException("detector", $"the detector answered an unknown parameter kind '{kind}'"),
    };

    /// <summary>A JSON scalar as the value it is: whole numbers as long, other numbers as double.</summary>
    private static object Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var whole) && !element.GetRawText().Contains('.', StringComparison.Ordinal)
            && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => whole,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new SpaceDetectionException("detector", $"the detector answered a value that is not a scalar: {element.GetRawText()}"),
    };

    private static int? OptionalInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static double? OptionalDouble(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 2000 ? trimmed : "..." + trimmed[^2000..];
    }
}
