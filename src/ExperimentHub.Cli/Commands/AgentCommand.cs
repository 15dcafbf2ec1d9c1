using System.CommandLine;
using ExperimentHub.Agent.Gpus;
using ExperimentHub.Agent.Runners;
using ExperimentHub.Agent.SignalR;
using ExperimentHub.Cli.Logging;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// <c>ehub agent</c>: connects this machine to a server and runs the trials it hands out, one per free GPU (or
/// per slot) at a time, until Ctrl+C or SIGTERM, which stop the running trials and report them.
/// </summary>
internal static class AgentCommand
{
    public static Command Create(SweepTerminal terminal)
    {
        var server = new Option<string?>("--server") { Description = $"The server's base URL, such as http://127.0.0.1:5000 (default: ${SweepConnection.UrlVariable})" };
        var apiKey = new Option<string?>("--api-key") { Description = $"An API key (default: ${SweepConnection.KeyVariable})" };
        var slots = new Option<int?>("--slots") { Description = "Trials at once (default: one per GPU, or half the CPUs when there are none)" };
        var gpus = new Option<string>("--gpus") { Description = "GPUs to use: auto, none, or indices like 0,1", DefaultValueFactory = _ => "auto" };
        var workdir = new Option<string?>("--workdir") { Description = "Where relative trial workdirs start and trial folders go (default: the current folder)" };
        var trialsDir = new Option<string?>("--trials-dir") { Description = "Where each trial gets its own folder (default: ehub-agent/trials in the temp folder)" };
        var name = new Option<string?>("--name") { Description = "The agent's name on the server (default: the host name)" };
        var nvidiaSmi = new Option<string>("--nvidia-smi") { Description = "The nvidia-smi program to ask for GPUs", DefaultValueFactory = _ => "nvidia-smi" };
        var grace = new Option<double>("--stop-grace") { Description = "Seconds a stopped trial has between SIGTERM and SIGKILL", DefaultValueFactory = _ => 10 };
        var interruptionUrl = new Option<string?>("--interruption-url")
        {
            Description = "On a spot instance: the metadata URL of the interruption notice; when it appears, running trials are handed back and the agent exits",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Log debug messages too" };

        var command = new Command("agent", "Run trials for a server on this machine");
        foreach (var option in new Option[] { server, apiKey, slots, gpus, workdir, trialsDir, name, nvidiaSmi, grace, interruptionUrl, verbose })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(server) ?? terminal.Variable(SweepConnection.UrlVariable);
            if (url is null)
            {
                terminal.Fail($"no server: pass --server URL or set {SweepConnection.UrlVariable}");
                return SweepExitCodes.Usage;
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                terminal.Fail($"--server '{url}' is not an http:// or https:// URL");
                return SweepExitCodes.Usage;
            }
            GpuSelection selection;
            try
            {
                selection = GpuSelection.Parse(parse.GetValue(gpus));
            }
            catch (FormatException e)
            {
                terminal.Fail(e.Message);
                return SweepExitCodes.Usage;
            }
            var graceSeconds = parse.GetValue(grace);
            if (!(graceSeconds >= 0))
            {
                terminal.Fail($"--stop-grace must be 0 or more seconds (got {graceSeconds})");
                return SweepExitCodes.Usage;
            }
            Uri? notice = null;
            if (parse.GetValue(interruptionUrl) is { } noticeText
                && (!Uri.TryCreate(noticeText, UriKind.Absolute, out notice) || notice.Scheme != Uri.UriSchemeHttp))
            {
                terminal.Fail($"--interruption-url '{noticeText}' is not an http:// URL");
                return SweepExitCodes.Usage;
            }
            var options = new AgentOptions
            {
                InterruptionNoticeUrl = notice,
                ServerUrl = uri,
                ApiKey = parse.GetValue(apiKey) ?? terminal.Variable(SweepConnection.KeyVariable),
                Name = parse.GetValue(name) ?? Environment.MachineName,
                Slots = parse.GetValue(slots),
                Gpus = selection,
                Workdir = parse.GetValue(workdir) ?? Directory.GetCurrentDirectory(),
                NvidiaSmiPath = parse.GetValue(nvidiaSmi)!,
                TrialsDir = parse.GetValue(trialsDir) ?? Path.Combine(Path.GetTempPath(), "ehub-agent", "trials"),
                StopGracePeriod = TimeSpan.FromSeconds(graceSeconds),
            };
            using var loggers = new TerminalLoggerFactory(terminal.Error.Profile.Out.Writer, parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            AgentRunner agent;
            try
            {
                agent = await AgentRunner.CreateAsync(options, loggers, cancellationToken);
            }
            catch (ArgumentException e)
            {
                terminal.Fail(e.Message.Split(" (Parameter", 2)[0]);
                return SweepExitCodes.Usage;
            }
            await using (agent)
            {
                terminal.ErrorLine($"ehub agent '{options.Name}': {agent.Slots} slot(s), " +
                    (agent.Gpus.Count == 0 ? "no GPUs" : $"GPUs {string.Join(",", agent.Gpus.Select(g => g.Index))}") +
                    $", server {options.HubUrl}; Ctrl+C stops");
                try
                {
                    await agent.RunAsync(cancellationToken);
                }
                catch (HubConnectionException e)
                {
                    terminal.Fail(e.KeyRefused
                        ? $"{e.Message} Pass one with --api-key or set {SweepConnection.KeyVariable}."
                        : e.Message);
                    return SweepExitCodes.Failed;
                }
            }
            terminal.ErrorLine("ehub agent stopped");
            return SweepExitCodes.Ok;
        });
        return command;
    }
}
