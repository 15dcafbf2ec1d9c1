using System.Collections.Concurrent;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Components.Services;

/// <summary>Parsed sweep specs by sweep id: a live sweep page refreshes often and its spec never changes.</summary>
internal sealed class SpecCache
{
    private const int MaxEntries = 512;
    private readonly ConcurrentDictionary<long, (string Text, SweepSpec? Spec)> _specs = new();

    public SweepSpec? Get(long sweepId, string text, string format)
    {
        if (_specs.TryGetValue(sweepId, out var cached) && string.Equals(cached.Text, text, StringComparison.Ordinal))
        {
            return cached.Spec;
        }
        var parsed = SweepSpecParser.Parse(text, string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? SpecFormat.Json : SpecFormat.Yaml);
        if (_specs.Count >= MaxEntries)
        {
            _specs.Clear();
        }
        _specs[sweepId] = (text, parsed.Spec);
        return parsed.Spec;
    }
}
