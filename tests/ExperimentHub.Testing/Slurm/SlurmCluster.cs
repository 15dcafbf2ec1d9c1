using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ExperimentHub.Testing.Slurm;

/// <summary>
/// A real single-node Slurm (Debian's <c>slurm-wlm</c>) in a temporary folder: its own munge daemon and key,
/// <c>slurmctld</c> and <c>slurmd</c> in the foreground on free ports, with a generated <c>slurm.conf</c> (one node,
/// one partition <c>debug</c>, no cgroups, no accounting database: final states go to a job completion log that
/// <c>sacct --completion</c> reads). Client programs reach it through <see cref="ConfFile"/>
/// (<c>SLURM_CONF</c>). The daemons run as root, as Slurm's do; every process is ended on dispose.
/// </summary>
public sealed class SlurmCluster : IAsyncDisposable
{
    public const string Partition = "debug";
    private const string NodeName = "ehubnode";

    private readonly TemporaryDirectory _folder;
    private readonly List<Process> _daemons = [];

    private SlurmCluster(TemporaryDirectory folder)
    {
        _folder = folder;
    }

    /// <summary>The generated slurm.conf, for <c>SLURM_CONF</c> (<c>ExperimentHub:Slurm:ConfFile</c>).</summary>
    public string ConfFile => _folder.Combine("slurm.conf");

    /// <summary>Where jobs write their output.</summary>
    public string OutputDir => _folder.Combine("out");

    /// <summary>Everything the daemons logged, for a failure message.</summary>
    public string Logs => string.Join("\n", new[] { "slurmctld.log", "slurmd.log" }.Select(f =>
        File.Exists(_folder.Combine(f)) ? $"== {f}\n" + Tail(File.ReadAllText(_folder.Combine(f))) : $"== {f}: none"));

    /// <summary>The programs must be installed (<c>apt-get install slurm-wlm</c>; ./eng/test.sh does it).</summary>
    public static async Task<SlurmCluster> StartAsync()
    {
        foreach (var program in new[] { "/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch" })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException($"{program} is missing: install Debian's slurm-wlm (./eng/test.sh does).");
            }
        }
        var cluster = new SlurmCluster(new TemporaryDirectory("slurm"));
        try
        {
            await cluster.StartDaemonsAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a Slurm client program against this cluster and returns its standard output.</summary>
    public async Task<string> RunAsync(string program, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync(program, arguments, _folder.Path, new Dictionary<string, string> { ["SLURM_CONF"] = ConfFile },
            TimeSpan.FromSeconds(60));
        return result.ExitCode == 0 ? result.StandardOutput : throw new InvalidOperationException($"{program} failed: {result.Describe()}\n{Logs}");
    }

    /// <summary>Submits a job that runs <paramref name="command"/> (a shell line) and returns its id.</summary>
    public async Task<string> SubmitAsync(string name, string command, params string[] options) =>
        (await RunAsync("/usr/bin/sbatch", ["--parsable", "--job-name", name, "--output", Path.Combine(OutputDir, "%x-%j.out"), .. options, "--wrap", command])).Trim();

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            if (!daemon.HasExited)
            {
                daemon.Kill(entireProcessTree: true);
                await daemon.WaitForExitAsync();
            }
            daemon.Dispose();
        }
        _folder.Dispose();
    }

    private async Task StartDaemonsAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the Slurm test cluster runs on Linux only");
        }
        var dir = _folder.Path;
        // munged checks that the folders on its socket's path are not writable by others.
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var sub in new[] { "munge", "state", "spool", "out" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
        }
        var munge = Path.Combine(dir, "munge");
        File.SetUnixFileMode(munge, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var key = Path.Combine(munge, "munge.key");
        await File.WriteAllBytesAsync(key, RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var socket = Path.Combine(munge, "munge.socket");

        var controllerPort = FreePort.Next();
        var nodePort = FreePort.Next();
        var host = Environment.MachineName.Split('.')[0];
        var conf = new StringBuilder()
            .AppendLine("ClusterName=ehubtest")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmctldHost={host}(127.0.0.1)")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmctldPort={controllerPort}")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmdPort={nodePort}")
            .AppendLine("AuthType=auth/munge")
            .AppendLine("CredType=cred/munge")
            .AppendLine(CultureInfo.InvariantCulture, $"AuthInfo=socket={socket}")
            .AppendLine(CultureInfo.InvariantCulture, $"StateSaveLocation={dir}/state")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmdSpoolDir={dir}/spool")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmctldPidFile={dir}/slurmctld.pid")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmdPidFile={dir}/slurmd.pid")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmctldLogFile={dir}/slurmctld.log")
            .AppendLine(CultureInfo.InvariantCulture, $"SlurmdLogFile={dir}/slurmd.log")
            .AppendLine("SlurmUser=root")
            .AppendLine("SlurmdUser=root")
            .AppendLine("ProctrackType=proctrack/linuxproc")
            .AppendLine("TaskPlugin=task/none")
            .AppendLine("SchedulerType=sched/builtin")
            .AppendLine("SelectType=select/cons_tres")
            .AppendLine("SelectTypeParameters=CR_Core")
            .AppendLine("ReturnToService=2")
            .AppendLine("MpiDefault=none")
            .AppendLine("MailProg=/bin/true")
            .AppendLine("JobCompType=jobcomp/filetxt")
            .AppendLine(CultureInfo.InvariantCulture, $"JobCompLoc={dir}/jobcomp.txt")
            .AppendLine("AccountingStorageType=accounting_storage/none")
            .AppendLine("JobAcctGatherType=jobacct_gather/none")
            .AppendLine(CultureInfo.InvariantCulture, $"NodeName={NodeName} NodeHostname={host} NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} RealMemory=1000 State=UNKNOWN")
            .AppendLine(CultureInfo.InvariantCulture, $"PartitionName={Partition} Nodes={NodeName} Default=YES MaxTime=INFINITE OverSubscribe=FORCE:4 State=UP");
        await File.WriteAllTextAsync(ConfFile, conf.ToString());

        Start("/usr/sbin/munged", "--foreground", "--force", $"--socket={socket}", $"--key-file={key}",
            $"--log-file={munge}/munged.log", $"--pid-file={munge}/munged.pid", $"--seed-file={munge}/munged.seed");
        await Eventually.TrueAsync(() => File.Exists(socket), "munged to open its socket", TimeSpan.FromSeconds(30));
        Start("/usr/sbin/slurmctld", "-D", "-c", "-f", ConfFile);
        Start("/usr/sbin/slurmd", "-D", "-N", NodeName, "-f", ConfFile);
        await Eventually.GetAsync(() => RunAsync("/usr/bin/sinfo", "--noheader", "--format=%T"), s => s.Trim() is "idle" or "mixed",
            "the Slurm node to be idle\n" + Logs, TimeSpan.FromSeconds(60));
    }

    private void Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["SLURM_CONF"] = ConfFile;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add(process);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
