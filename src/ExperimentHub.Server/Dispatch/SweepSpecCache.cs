using System.Collections.Concurrent;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Parsed specs by sweep id. A spec never changes after submission (extending changes the budget row only), so it
/// is parsed once per process from the text stored with the sweep.
/// </summary>
public sealed class SweepSpecCache(IDbContextFactory<ExperimentHubDb> contexts)
{
    private readonly ConcurrentDictionary<long, SweepSpec> _specs = new();

    public void Remember(long sweepId, SweepSpec spec) => _specs[sweepId] = spec;

    /// <summary>The sweep's spec, or null when there is no such sweep.</summary>
    public async ValueTask<SweepSpec?> GetAsync(long sweepId, CancellationToken cancellationToken)
    {
        if (_specs.TryGetValue(sweepId, out var cached))
        {
            return cached;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Sweeps.AsNoTracking().Where(s => s.Id == sweepId)
            .Select(s => new { s.SpecText, s.SpecFormat }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var format = string.Equals(row.SpecFormat, "json", StringComparison.OrdinalIgnoreCase) ? SpecFormat.Json : SpecFormat.Yaml;
        // Stored specs were valid when submitted; one that no longer parses (a parser made stricter) is a clear error.
        var spec = SweepSpecParser.Parse(row.SpecText, format).GetSpecOrThrow();
        return _specs.GetOrAdd(sweepId, spec);
    }

    /// <summary>The spec when it is already parsed (no I/O), for hot paths that can fall back.</summary>
    public SweepSpec? Peek(long sweepId) => _specs.TryGetValue(sweepId, out var spec) ? spec : null;
}
