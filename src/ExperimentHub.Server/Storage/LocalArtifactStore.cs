using ExperimentHub.Server.Data;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Storage;

/// <summary>
/// Artifacts as files under one root folder. A write streams to a temporary file beside the target and renames it
/// into place, so readers see the old bytes or the new ones, never a half-written file.
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    private const int CopyBufferSize = 256 * 1024;
    private const int WriteAttempts = 3;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string _rootWithSeparator;

    public LocalArtifactStore(IOptions<ArtifactStorageOptions> options)
        : this(RootFrom(options))
    {
    }

    public LocalArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        OwnerOnlyFiles.CreateFolder(Root);
        _rootWithSeparator = Root + Path.DirectorySeparatorChar;
    }

    /// <summary>The full path of the root folder.</summary>
    public string Root { get; }

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Resolve(key);
        if (Directory.Exists(path))
        {
            throw new ArtifactPathConflictException($"The artifact path '{key}' is a folder of other artifacts; it cannot also be an artifact.");
        }

        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".tmp-{Guid.NewGuid():N}");
        try
        {
            long written;
            await using (var file = await CreateTemporaryFileAsync(directory, temporary, key))
            {
                await content.CopyToAsync(file, CopyBufferSize, cancellationToken);
                written = file.Position;
                // Durable before it becomes visible: a crash after the rename must not leave an empty artifact.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return written;
        }
        catch
        {
            TryDeleteFile(temporary);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = Resolve(key);
        try
        {
            // FileShare.Delete: a replace or delete may proceed while a download is still reading the old bytes.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                bufferSize: 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
                                      && !File.Exists(path))
        {
            // Missing, or a folder of other artifacts (which opens as access denied): no artifact at this path.
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = Resolve(key);
        if (!File.Exists(path))
        {
            return Task.CompletedTask;
        }

        File.Delete(path);
        RemoveEmptyFolders(Path.GetDirectoryName(path)!);
        return Task.CompletedTask;
    }

    /// <summary>The full path of <paramref name="key"/>, refused when it would leave the root or pass through a link.</summary>
    internal string Resolve(string key)
    {
        ArtifactKeys.EnsureValidKey(key, nameof(key));

        // Defence in depth: the key is valid, yet the resolved path is checked against the root all the same.
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(_rootWithSeparator, PathComparison))
        {
            throw new ArgumentException($"The artifact path '{key}' resolves outside the artifact root.", nameof(key));
        }

        // A symbolic link below the root could point anywhere; the store never follows one.
        for (var current = path; current.Length > _rootWithSeparator.Length; current = Path.GetDirectoryName(current)!)
        {
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if (info.LinkTarget is not null)
                {
                    throw new ArgumentException($"The artifact path '{key}' passes through a symbolic link; the store does not follow links.", nameof(key));
                }
            }
        }

        return path;
    }

    private static string RootFrom(IOptions<ArtifactStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.Value.Local.Root;
        return string.IsNullOrWhiteSpace(root)
            ? throw new InvalidOperationException($"{ArtifactStorageOptions.SectionName}:Local:Root is not set.")
            : root;
    }

    private async Task<FileStream> CreateTemporaryFileAsync(string directory, string temporary, string key)
    {
        // A delete of the last artifact in a folder removes the folder; a write racing it creates the folder again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return new FileStream(temporary, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                    BufferSize = 0,
                });
            }
            catch (DirectoryNotFoundException) when (attempt < WriteAttempts)
            {
                await Task.Yield();
            }
            catch (IOException e) when (FileInTheWay(directory) is { } file)
            {
                var artifact = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
                throw new ArtifactPathConflictException(
                    $"The artifact path '{key}' needs '{artifact}' to be a folder, but '{artifact}' is an artifact.", e);
            }
        }
    }

    /// <summary>The first file found where <paramref name="directory"/> needs a folder, if any.</summary>
    private string? FileInTheWay(string directory)
    {
        for (var current = directory; current.Length > _rootWithSeparator.Length; current = Path.GetDirectoryName(current)!)
        {
            if (File.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    private void RemoveEmptyFolders(string directory)
    {
        for (var current = directory; current.Length > _rootWithSeparator.Length; current = Path.GetDirectoryName(current)!)
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(current).Any())
                {
                    return;
                }

                Directory.Delete(current);
            }
            catch (IOException)
            {
                // Another write put something in it meanwhile: the folder stays, which is right.
                return;
            }
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is named so no artifact can clash with it; a leftover only costs space.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
