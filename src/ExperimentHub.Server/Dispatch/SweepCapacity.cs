using System.Globalization;
using ExperimentHub.Contracts.Api;
using ExperimentHub.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// How many trials of a sweep on agents can run at once now, against the <c>parallel</c> it asks for: the New sweep
/// form warns with it before a launch, and the sweep page shows it while the sweep runs, as agents come and go. The
/// agents that count are the online ones that lease any sweep's trials (an agent a compute backend started for one
/// sweep serves that sweep only) and that have the GPUs a trial needs.
/// </summary>
public sealed class SweepCapacity(AgentDirectory agents, IDbContextFactory<ExperimentHubDb> contexts)
{
    /// <summary>
    /// Null when <paramref name="parallel"/> trials needing <paramref name="gpusPerTrial"/> GPUs each fit the free
    /// slots now; otherwise what happens to the others, with the numbers. The slots <paramref name="sweepId"/>'s own
    /// trials hold count as its own.
    /// </summary>
    public async Task<string?> ShortfallAsync(int parallel, int gpusPerTrial, long? sweepId, CancellationToken cancellationToken)
    {
        var online = (await agents.ListAsync(cancellationToken)).Where(a => a.Status == "online").ToList();
        if (online.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = online.Select(a => a.Id).ToList();
            var sweepAgents = await db.ComputeInstances.AsNoTracking()
                .Where(i => i.AgentId != null && ids.Contains(i.AgentId))
                .Select(i => i.AgentId!)
                .ToListAsync(cancellationToken);
            online.RemoveAll(a => sweepAgents.Contains(a.Id));
        }
        return Describe(parallel, gpusPerTrial, sweepId, online);
    }

    /// <summary>The shortfall of <see cref="ShortfallAsync"/> over the given online agents that may lease the sweep's trials.</summary>
    internal static string? Describe(int parallel, int gpusPerTrial, long? sweepId, IReadOnlyList<AgentDto> online)
    {
        var able = online.Where(a => GpuCount(a) >= gpusPerTrial).ToList();
        var gpuNote = gpusPerTrial > 0 ? $" with {Count(gpusPerTrial, "GPU")} free for each trial" : "";
        if (able.Count == 0)
        {
            return online.Count == 0 || gpusPerTrial == 0
                ? "No agent is connected: the trials wait until one connects (ehub agent --server URL --api-key KEY, see Connect)."
                : $"No connected agent has the {Count(gpusPerTrial, "GPU")} each trial needs: the trials wait until one connects.";
        }
        var free = able.Sum(a => Free(a, gpusPerTrial, sweepId));
        if (parallel <= free)
        {
            return null;
        }
        var total = able.Sum(a => gpusPerTrial > 0 ? Math.Min(a.Slots, GpuCount(a) / gpusPerTrial) : a.Slots);
        var room = free == 0
            ? "none runs until a slot frees up"
            : $"at most {free} run at once, the others queue";
        return $"{parallel} trials at a time requested, {Count(free, "slot")} free{gpuNote} on {Count(able.Count, "agent")} " +
            $"({Count(total, "slot")} in all): {room}.";
    }

    /// <summary>How many more of the sweep's trials the agent could hold now, its own trials of the sweep included.</summary>
    private static int Free(AgentDto agent, int gpusPerTrial, long? sweepId)
    {
        var others = agent.Trials.Where(t => sweepId is null || t.SweepId != sweepId).ToList();
        var slots = Math.Max(0, agent.Slots - others.Count);
        if (gpusPerTrial == 0)
        {
            return slots;
        }
        var gpusHeld = others.Sum(t => string.IsNullOrEmpty(t.GpuIndices) ? 0 : t.GpuIndices.Split(',').Length);
        return Math.Min(slots, Math.Max(0, GpuCount(agent) - gpusHeld) / gpusPerTrial);
    }

    private static int GpuCount(AgentDto agent) => agent.Gpus.ValueKind == System.Text.Json.JsonValueKind.Array ? agent.Gpus.GetArrayLength() : 0;

    private static string Count(int n, string what) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? what : what + "s");
}
