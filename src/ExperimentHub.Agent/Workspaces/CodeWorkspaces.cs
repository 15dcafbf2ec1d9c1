using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExperimentHub.Agent.Trials;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Workspaces;

/// <summary>
/// One workspace per sweep under the agent's work folder: the sweep's repository fetched at its ref with the git
/// program, and its install command run there once. A marker file named by a hash of repository, ref and install
/// command records a finished preparation, so later trials (and a restarted agent) go straight to work; a failed one
/// leaves no marker and is tried afresh by the next trial. Trials of one sweep that arrive together wait for the same
/// preparation, and a lock file keeps two agent processes sharing the work folder from preparing it at once.
/// </summary>
public sealed class CodeWorkspaces(string root, string agentWorkdir)
{
    private const string CheckoutFolder = "checkout";
    private const string LogFileName = "setup.log";
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _preparing = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The workspace folder of a sweep.</summary>
    public string WorkspaceOf(long sweepId) => Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"sweep-{sweepId}"));

    /// <summary>
    /// The folder a trial of the sweep runs in (<see cref="TrialCode.Dir"/> of the checkout), fetching and installing
    /// first when this agent has not yet done so for the sweep.
    /// </summary>
    /// <param name="observer">Receives the git and install output of a preparation this call starts.</param>
    /// <param name="lifetime">Cancels a preparation (the agent is shutting down); <paramref name="cancellationToken"/> only stops this caller's wait.</param>
    /// <exception cref="WorkspaceException">The repository cannot be fetched, the folder is missing, or the install failed.</exception>
    public async Task<string> PrepareAsync(long sweepId, TrialCode code, long runId, ITrialOutputObserver? observer,
        CancellationToken lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var key = WorkspaceOf(sweepId) + "\n" + Hash(code);
        var lazy = _preparing.GetOrAdd(key, _ => new Lazy<Task<string>>(() => Task.Run(() => PrepareOnceAsync(sweepId, code, runId, observer, lifetime), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // A failure is not remembered: the next trial (after the sweep is resumed) tries again.
            _preparing.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            throw;
        }
    }

    /// <summary>A hash of what the preparation depends on: the repository, the ref and the install command.</summary>
    public static string Hash(TrialCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var text = string.Join('\0', [code.Repo, code.Ref ?? "", .. code.Install]) + "\0" + code.Install.Count.ToString(CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private async Task<string> PrepareOnceAsync(long sweepId, TrialCode code, long runId, ITrialOutputObserver? observer, CancellationToken lifetime)
    {
        var workspace = WorkspaceOf(sweepId);
        Directory.CreateDirectory(workspace);
        var checkout = Path.Combine(workspace, CheckoutFolder);
        var marker = Path.Combine(workspace, $"ready-{Hash(code)}");
        await using var held = await LockAsync(Path.Combine(workspace, ".lock"), lifetime);
        if (File.Exists(marker))
        {
            return RunFolder(checkout, code);
        }
        var log = Path.Combine(workspace, LogFileName);
        File.WriteAllText(log, "");
        var setup = new SetupCommand(log, observer, runId);
        var repository = RepositoryArgument(code.Repo);
        var what = code.Ref is null ? repository : $"{repository} at {code.Ref}";

        if (!Directory.Exists(Path.Combine(checkout, ".git")))
        {
            if (Directory.Exists(checkout))
            {
                Directory.Delete(checkout, recursive: true);
            }
            await GitAsync(setup, workspace, $"cannot create a git checkout in {checkout}", lifetime, "init", "--quiet", CheckoutFolder);
        }
        await GitAsync(setup, checkout, $"cannot fetch {what}", lifetime, "fetch", "--quiet", "--no-tags", "--force", "--", repository, code.Ref ?? "HEAD");
        await GitAsync(setup, checkout, $"cannot check out {what}", lifetime, "checkout", "--quiet", "--force", "--detach", "FETCH_HEAD");
        // What an earlier, failed install left behind goes, so that every install starts from the commit alone.
        await GitAsync(setup, checkout, $"cannot clean the checkout of {what}", lifetime, "clean", "-ffdxq");

        var folder = RunFolder(checkout, code);
        if (code.Install.Count > 0)
        {
            var install = await setup.RunAsync(code.Install, folder, lifetime);
            if (install.Outcome != TrialOutcome.Completed)
            {
                throw new WorkspaceException($"the install command ({string.Join(' ', code.Install)}) failed: {install.Error}", install.LogTail);
            }
        }
        File.WriteAllText(marker, $"repo: {code.Repo}\nref: {code.Ref}\ninstall: {string.Join(' ', code.Install)}\n");
        return folder;
    }

    private static async Task GitAsync(SetupCommand setup, string folder, string failure, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await setup.RunAsync(["git", .. arguments], folder, cancellationToken);
        if (result.Outcome != TrialOutcome.Completed)
        {
            throw new WorkspaceException($"{failure}: git {arguments[0]} failed ({result.Error?.TrimEnd('.')})", result.LogTail);
        }
    }

    private static string RunFolder(string checkout, TrialCode code)
    {
        var folder = code.Dir is null ? checkout : Path.GetFullPath(code.Dir, checkout);
        return Directory.Exists(folder)
            ? folder
            : throw new WorkspaceException($"the folder '{code.Dir}' (code.dir) does not exist in the checkout of {code.Repo}", "");
    }

    /// <summary>A URL (scheme://, or scp-like user@host:path) as given; a local path from the agent's work folder.</summary>
    private string RepositoryArgument(string repo)
    {
        var isUrl = repo.Contains("://", StringComparison.Ordinal) ||
            (repo.IndexOf(':', StringComparison.Ordinal) is var colon and > 1 && repo.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 && at < colon);
        return isUrl ? repo : Path.GetFullPath(repo, agentWorkdir);
    }

    /// <summary>An exclusive lock on a file, held until disposed; waits while another process holds it.</summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockPoll, cancellationToken);
            }
        }
    }
}
