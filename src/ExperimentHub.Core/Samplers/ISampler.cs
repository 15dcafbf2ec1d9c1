namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Suggests parameter sets from the trials of a sweep. Samplers keep no state between calls: the same context
/// gives the same suggestions, so a restarted server picks up where it left off.
/// </summary>
public interface ISampler
{
    /// <summary>
    /// Up to <paramref name="count"/> new parameter sets, distinct from each other and from the pending and running
    /// trials of the context (fewer only when the space is exhausted, as a finished grid is).
    /// </summary>
    IReadOnlyList<IReadOnlyDictionary<string, object>> Suggest(SearchContext context, int count);
}
