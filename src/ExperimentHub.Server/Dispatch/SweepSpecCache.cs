using System.Collections.Concurrent;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Parsed specs by sweep id, for the whole server (dispatch, the API and the dashboard). A spec never changes after
/// submission (extending changes the budget row only), so it is parsed once per process from the text stored with
/// the sweep.
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
        // Stored specs were valid when submitted; one that no longer parses (a parser made stricter) is a clear error.
        var spec = Parse(row.SpecText, row.SpecFormat).GetSpecOrThrow();
        return _specs.GetOrAdd(sweepId, spec);
    }

    /// <summary>
    /// The spec of a sweep whose stored text and format the caller has read already (a page lists many sweeps in one
    /// query); null when that text no longer parses, so that a page can still show the sweep.
    /// </summary>
    public SweepSpec? FromStored(long sweepId, string specText, string specFormat)
    {
        if (_specs.TryGetValue(sweepId, out var cached))
        {
            return cached;
        }
        return Parse(specText, specFormat).Spec is { } spec ? _specs.GetOrAdd(sweepId, spec) : null;
    }

    /// <summary>The spec when it is already parsed (no I/O), for hot paths that can fall back.</summary>
    public SweepSpec? Peek(long sweepId) => _specs.TryGetValue(sweepId, out var spec) ? spec : null;

    private static SweepSpecParseResult Parse(string text, string format) =>
        SweepSpecParser.Parse(text, string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? SpecFormat.Json : SpecFormat.Yaml);
}
