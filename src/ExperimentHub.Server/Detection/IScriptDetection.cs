namespace ExperimentHub.Server.Detection;

/// <summary>
/// Hyperparameter detection for the dashboard: finds the parameters of a pasted or uploaded training script (never
/// running it), and keeps the rewritten script where the server's local agent can run it.
/// </summary>
public interface IScriptDetection
{
    /// <summary>Detects the parameters of <paramref name="source"/>; a refusal (syntax error, not Python) comes back as a result, not an exception.</summary>
    /// <param name="fileName">The script's file name, as uploaded (or <c>train.py</c> for pasted text): its extension is checked.</param>
    Task<ScriptDetectionResult> DetectAsync(string source, string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a rewritten script under the server's data folder (by its content, so the same script is stored once
    /// and never overwritten) and returns its full path, for a sweep's command.
    /// </summary>
    Task<string> SaveRewrittenScriptAsync(string script, string fileName, CancellationToken cancellationToken);
}
