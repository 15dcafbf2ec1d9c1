using System.Globalization;
using System.Text.Json;
using ExperimentHub.Client;
using ExperimentHub.Contracts.Api;
using Spectre.Console;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// Follows a sweep until it ends: a live progress bar on a terminal, one line per change otherwise (logs, CI). The
/// exit code says how it ended: completed or stopped 0, failed or paused 1, Ctrl+C 130 (the sweep goes on).
/// </summary>
internal static class SweepFollower
{
    public static async Task<int> FollowAsync(ExperimentHubClient client, long sweepId, SweepTerminal terminal, CancellationToken cancellationToken)
    {
        SweepDto sweep;
        try
        {
            sweep = terminal.Out.Profile.Capabilities.Interactive
                ? await FollowLiveAsync(client, sweepId, terminal, cancellationToken)
                : await FollowPlainAsync(client, sweepId, terminal, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            terminal.ErrorLine($"Stopped following; sweep {sweepId} goes on on the server (ehub sweep stop {sweepId} stops it).");
            return SweepExitCodes.Detached;
        }
        PrintEnd(sweep, terminal);
        return sweep.Status switch
        {
            "completed" or "stopped" => SweepExitCodes.Ok,
            _ => SweepExitCodes.Failed,
        };
    }

    /// <summary>The sweep's state in one line: trials completed, failed, running against the budget, and the best so far.</summary>
    public static string Describe(SweepDto sweep)
    {
        var parts = new List<string>
        {
            $"{sweep.Status}",
            $"{sweep.TrialsCompleted}/{sweep.Budget.Trials} completed",
            $"{sweep.TrialsFailed} failed",
            $"{sweep.TrialsRunning} running",
        };
        if (sweep.TrialsPending > 0)
        {
            parts.Add($"{sweep.TrialsPending} pending");
        }
        if (sweep.TrialsPruned > 0)
        {
            parts.Add($"{sweep.TrialsPruned} pruned");
        }
        if (Best(sweep) is { } best)
        {
            parts.Add(best);
        }
        return string.Join(" | ", parts);
    }

    private static async Task<SweepDto> FollowPlainAsync(ExperimentHubClient client, long sweepId, SweepTerminal terminal, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var sweep = await PollAsync(client, sweepId, terminal, cancellationToken);
            var line = Describe(sweep);
            if (line != last)
            {
                terminal.Line($"sweep {sweepId}: {line}");
                last = line;
            }
            if (IsEnd(sweep))
            {
                return sweep;
            }
            await Task.Delay(terminal.PollInterval, cancellationToken);
        }
    }

    private static async Task<SweepDto> FollowLiveAsync(ExperimentHubClient client, long sweepId, SweepTerminal terminal, CancellationToken cancellationToken)
    {
        SweepDto sweep = await PollAsync(client, sweepId, terminal, cancellationToken);
        await terminal.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(Describe(sweep)), maxValue: Math.Max(1, sweep.Budget.Trials));
                while (true)
                {
                    task.MaxValue = Math.Max(1, sweep.Budget.Trials);
                    task.Value = Math.Min(task.MaxValue, sweep.TrialsCompleted + sweep.TrialsFailed + sweep.TrialsPruned + sweep.TrialsStopped);
                    task.Description = Markup.Escape(Describe(sweep));
                    if (IsEnd(sweep))
                    {
                        task.StopTask();
                        return;
                    }
                    await Task.Delay(terminal.PollInterval, cancellationToken);
                    sweep = await PollAsync(client, sweepId, terminal, cancellationToken);
                }
            });
        return sweep;
    }

    /// <summary>The sweep's state; a server restart or a lost connection is waited out rather than ending the follow.</summary>
    private static async Task<SweepDto> PollAsync(ExperimentHubClient client, long sweepId, SweepTerminal terminal, CancellationToken cancellationToken)
    {
        var warned = false;
        while (true)
        {
            try
            {
                return await client.GetSweepAsync(sweepId, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException || (e is ExperimentHubException { Status: { } s } && (int)s >= 500))
            {
                if (!warned)
                {
                    terminal.ErrorLine($"the server at {client.BaseAddress} does not answer ({e.Message}); still trying");
                    warned = true;
                }
                await Task.Delay(terminal.PollInterval, cancellationToken);
            }
        }
    }

    /// <summary>A paused sweep ends the follow too: it does not go on by itself, and it says why it paused.</summary>
    private static bool IsEnd(SweepDto sweep) => sweep.IsFinished || sweep.Status == "paused";

    private static string? Best(SweepDto sweep)
    {
        if (sweep.Objectives is { Count: > 1 })
        {
            return sweep.Pareto is { Count: > 0 } pareto ? $"Pareto set: {pareto.Count} trial(s)" : null;
        }
        if (sweep.Best is not { } best)
        {
            return null;
        }
        var metric = sweep.Objectives is [var objective] ? objective.Metric : null;
        if (metric is not null && best.Metrics.TryGetValue(metric, out var value))
        {
            return $"best {metric}={value.ToString("G6", CultureInfo.InvariantCulture)} (trial {best.TrialNumber})";
        }
        return $"best: trial {best.TrialNumber}";
    }

    /// <summary>A trial's parameters (one JSON object of name to value) as <c>name=value, ...</c>.</summary>
    private static string Parameters(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object ? string.Join(", ", parameters.EnumerateObject().Select(p => $"{p.Name}={p.Value}")) : "";

    private static void PrintEnd(SweepDto sweep, SweepTerminal terminal)
    {
        var reason = sweep.StatusReason is { Length: > 0 } r ? $" ({r})" : "";
        terminal.Line($"Sweep {sweep.Id} {sweep.Status}{reason}: " +
            $"{sweep.TrialsCompleted} completed, {sweep.TrialsFailed} failed, {sweep.TrialsPruned} pruned, {sweep.TrialsStopped} stopped");
        var winners = sweep.Objectives is { Count: > 1 } ? sweep.Pareto : sweep.Best is { } b ? [b] : [];
        if (winners.Count == 0)
        {
            return;
        }
        var table = new Table().Title(sweep.Objectives is { Count: > 1 } ? "Pareto set" : "Best trial");
        table.AddColumn("trial");
        table.AddColumn("run");
        table.AddColumn("metrics");
        table.AddColumn("parameters");
        foreach (var trial in winners)
        {
            table.AddRow(
                trial.TrialNumber.ToString(CultureInfo.InvariantCulture),
                trial.RunId.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", trial.Metrics
                    .Where(m => sweep.Objectives.Any(o => o.Metric == m.Key))
                    .Select(m => $"{m.Key}={m.Value.ToString("G6", CultureInfo.InvariantCulture)}"))),
                Markup.Escape(Parameters(trial.Params)));
        }
        terminal.Out.Write(table);
    }
}
