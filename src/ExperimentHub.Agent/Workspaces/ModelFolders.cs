using System.Collections.Concurrent;
using ExperimentHub.Client;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Agent.Workspaces;

/// <summary>
/// The model folders of trials (the spec's <c>artifacts</c>). Trials on this agent that would write the same folder
/// (several trials of a sweep in one checkout) take turns: a trial holds its folder from before it starts until its
/// model is stored, so no trial stores another's files. With <c>clean</c> the folder is emptied before and after.
/// </summary>
public sealed class ModelFolders
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Waits for the folder, then makes it ready (created; emptied with <c>clean</c>). Dispose the result to let the next trial have it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string folder, bool clean, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(Path.GetFullPath(folder), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (clean)
            {
                Empty(folder);
            }
            Directory.CreateDirectory(folder);
        }
        catch
        {
            gate.Release();
            throw;
        }
        return new Held(gate);
    }

    /// <summary>The trial's model folder: <see cref="TrialArtifacts.ModelDir"/> below its working folder.</summary>
    public static string Resolve(string workingDirectory, TrialArtifacts artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        return Path.GetFullPath(artifacts.ModelDir, workingDirectory);
    }

    /// <summary>
    /// Uploads every file under <paramref name="folder"/> as <c>model/&lt;relative path&gt;</c> of the run, with the
    /// trial's token. Returns one line per problem and a summary, for the run's log.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UploadAsync(string folder, long runId, string apiUrl, string token, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        if (!Directory.Exists(folder))
        {
            lines.Add($"[agent] no model stored: the model folder {folder} does not exist");
            return lines;
        }
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            lines.Add($"[agent] no model stored: the model folder {folder} is empty");
            return lines;
        }
        using var client = new ExperimentHubClient(new Uri(apiUrl.TrimEnd('/') + "/"), token);
        long bytes = 0;
        var stored = 0;
        foreach (var file in files)
        {
            var path = "model/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (ArtifactPaths.Validate(path) is { } problem)
            {
                lines.Add($"[agent] not stored: {path}: {problem}");
                continue;
            }
            try
            {
                // The upload disposes the stream: take its length first.
                await using var content = File.OpenRead(file);
                var length = content.Length;
                await client.UploadArtifactAsync(runId, path, content, cancellationToken: cancellationToken);
                bytes += length;
                stored++;
            }
            catch (Exception e) when (e is ExperimentHubException or HttpRequestException or IOException or UnauthorizedAccessException)
            {
                lines.Add($"[agent] could not store {path}: {e.Message}");
            }
        }
        lines.Add($"[agent] stored the model: {stored} of {files.Count} file(s), {bytes:N0} bytes, under model/");
        return lines;
    }

    /// <summary>Removes everything inside the folder, keeping the folder itself.</summary>
    public static void Empty(string folder)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
        {
            return;
        }
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub && sub.LinkTarget is null)
            {
                sub.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
