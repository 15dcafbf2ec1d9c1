using System.Collections.Concurrent;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// Parameter importance by sweep, kept while the sweep's completed trials stay the same: the forest is the slowest
/// part of a big sweep's page and is seeded, so reopening a finished sweep (or a second viewer of it) gets the same
/// shares without growing it again.
/// </summary>
internal sealed class ImportanceCache
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<long, (ulong Fingerprint, IReadOnlyList<KeyValuePair<string, double>> Shares)> _entries = new();

    public IReadOnlyList<KeyValuePair<string, double>> GetOrBuild(long sweepId, IReadOnlyList<TrialRow> trials, SweepSpec spec, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        var fingerprint = Fingerprint(trials, objective);
        if (_entries.TryGetValue(sweepId, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Shares;
        }
        var shares = ImportanceBuilder.Build(trials, spec, objective);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[sweepId] = (fingerprint, shares);
        return shares;
    }

    /// <summary>The shares built before for exactly these trials and objective, without building any: null when there are none.</summary>
    public IReadOnlyList<KeyValuePair<string, double>>? Find(long sweepId, IReadOnlyList<TrialRow> trials, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(objective);
        return _entries.TryGetValue(sweepId, out var cached) && cached.Fingerprint == Fingerprint(trials, objective) ? cached.Shares : null;
    }

    /// <summary>
    /// FNV-1a over what the forest reads, in order: each completed trial's run (its parameters never change) and
    /// objective value, and the objective itself.
    /// </summary>
    internal static ulong Fingerprint(IReadOnlyList<TrialRow> trials, Objective objective)
    {
        var hash = 14695981039346656037UL;
        void Mix(ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash = (hash ^ ((value >> (8 * i)) & 0xFF)) * 1099511628211UL;
            }
        }
        Mix((ulong)StringComparer.Ordinal.GetHashCode(objective.Metric));
        Mix((ulong)objective.Goal);
        foreach (var t in trials)
        {
            if (t.State != TrialStates.Completed)
            {
                continue;
            }
            Mix((ulong)t.RunId);
            Mix(t.Metrics.TryGetValue(objective.Metric, out var v) ? (ulong)BitConverter.DoubleToInt64Bits(v) : ulong.MaxValue);
        }
        return hash;
    }
}
