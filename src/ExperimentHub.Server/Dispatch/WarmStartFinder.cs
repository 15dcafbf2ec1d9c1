using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.WarmStarts;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Gathers the history that <c>warm_start: auto</c> learns from: the earlier sweeps of the project (or of every
/// project, <c>scope: all</c>) with the same objectives, with their finished trials; <see cref="WarmStartDesign"/>
/// (Core) weighs them and builds the initial design.
/// </summary>
public sealed class WarmStartFinder(IDbContextFactory<ExperimentHubDb> contexts, SweepSpecCache specs, TrialReader reader)
{
    /// <summary>The most recent sweeps looked at; older history matters less and costs a read each.</summary>
    public const int MaxCandidates = 50;

    public async Task<(WarmStartPlan Plan, string Note)> PlanAsync(SweepSpec spec, long projectId, int budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var scope = spec.AutoWarmStart ?? WarmStartScope.Project;
        List<(long Id, string Text, string Format)> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var query = db.Sweeps.AsNoTracking();
            if (scope == WarmStartScope.Project)
            {
                query = query.Where(s => s.ProjectId == projectId);
            }
            rows = (await query.OrderByDescending(s => s.Id).Take(MaxCandidates)
                .Select(s => new { s.Id, s.SpecText, s.SpecFormat }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, s.SpecText, s.SpecFormat)).ToList();
        }
        var priors = new List<PriorSweep>();
        foreach (var (id, text, format) in rows)
        {
            if (specs.FromStored(id, text, format) is not { } earlier)
            {
                continue;
            }
            var shape = new PriorSweep(id, earlier.Objectives, earlier.Space, []);
            // Only sweeps that could be related cost a read of their trials.
            if (SweepSimilarity.Score(spec.Objectives, spec.Space, shape) < SweepSimilarity.RelatedThreshold)
            {
                continue;
            }
            var trials = await reader.ReadAsync(id, cancellationToken);
            priors.Add(shape with { Trials = trials.Where(t => Run.IsFinished(t.Status)).Select(t => t.ToRecord()).ToList() });
        }
        var plan = WarmStartDesign.Build(spec.Objectives, spec.Constraints, spec.Space, priors, WarmStartDesign.SizeFor(budget));
        var where = scope == WarmStartScope.All ? "any project" : "this project";
        var note = plan.Design.Count == 0
            ? $"warm_start: auto found no related earlier sweep in {where} (same objectives, overlapping parameters, a completed trial): the search starts cold"
            : $"warm_start: auto starts with {plan.Design.Count} configurations from " + string.Join(", ",
                plan.Related.Where(r => r.Points > 0).Select(r => string.Create(CultureInfo.InvariantCulture, $"sweep {r.SweepId} (similarity {r.Similarity:0.00}, {r.Points})")));
        return (plan, note);
    }
}
