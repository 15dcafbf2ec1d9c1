using System.Security.Cryptography;
using System.Text;
using ExperimentHub.Detection;
using ExperimentHub.Server.Data;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Detection;

/// <summary>
/// Detection through the detector the CLI runs (<see cref="PythonDetector"/>, under <c>python3</c>); rewritten scripts
/// go to <c>{DataDir}/scripts/{hash}/{name}</c>.
/// </summary>
internal sealed class PythonScriptDetection(IOptions<StoreOptions> store) : IScriptDetection
{
    /// <summary>The largest script accepted, far beyond any training script; a bigger one is not what the user meant to give.</summary>
    public const int MaxScriptChars = 1024 * 1024;

    public async Task<ScriptDetectionResult> DetectAsync(string source, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Trim().Length == 0)
        {
            return ScriptDetectionResult.Refused("The script is empty: paste a training script or upload a .py file.");
        }
        if (source.Length > MaxScriptChars)
        {
            return ScriptDetectionResult.Refused($"The script is {source.Length:N0} characters long; at most {MaxScriptChars:N0} are read.");
        }
        try
        {
            return ScriptDetectionResult.Found(await PythonDetector.DetectSourceAsync(PythonDetector.DefaultPython, source, fileName, cancellationToken));
        }
        catch (SpaceDetectionException e)
        {
            return e.Line is { } line
                ? ScriptDetectionResult.Refused($"{fileName}:{line}:{e.Column ?? 1}: {e.Message}", line, e.Column)
                : ScriptDetectionResult.Refused(e.Message);
        }
    }

    public async Task<string> SaveRewrittenScriptAsync(string script, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..16];
        var folder = Path.Combine(store.Value.DataDirectory, "scripts", hash);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, SafeName(fileName));
        if (!File.Exists(path))
        {
            // Written beside, then moved: a trial never starts a half-written script.
            var partial = path + ".partial";
            await File.WriteAllTextAsync(partial, script, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        return path;
    }

    /// <summary>The file name with only letters, digits, '-', '_' and '.', ending in .py.</summary>
    internal static string SafeName(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray())
            .TrimStart('.');
        if (name.Length == 0)
        {
            name = "train_ehub.py";
        }
        return name.EndsWith(".py", StringComparison.OrdinalIgnoreCase) ? name : name + ".py";
    }
}
