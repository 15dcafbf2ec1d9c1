namespace ExperimentHub.Server.Data;

/// <summary>
/// The data folder and the store's files are readable by the server's user only (0700 and 0600 on Unix): they hold
/// key hashes, run tokens and every run's parameters. Folders that exist already keep their modes (a user may point
/// the data folder at one of their own); the store's files are made owner-only whenever the server opens them.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) owner-only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>
    /// Creates the SQLite file empty and owner-only before SQLite opens it, or makes an existing one (and its -wal and
    /// -shm files) owner-only. SQLite gives the -wal and -shm files it creates the main file's mode.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
            return;
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~FileMode) != 0)
            {
                File.SetUnixFileMode(file, FileMode);
            }
        }
    }
}
