namespace ExperimentHub.Core.Spaces;

/// <summary>
/// The parameters of a sweep, parents before the parameters whose <c>when</c> names them.
/// Every sampler shares this one encoding: a parameter set becomes a point of the unit cube, one coordinate
/// per parameter in <see cref="Parameters"/> order, NaN where a conditional parameter is inactive.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dictionary<string, int> _indexByName;

    public SearchSpace(IEnumerable<ParameterDefinition> parameters)
    {
        Parameters = OrderParentsFirst([.. parameters]);
        _indexByName = Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    public int Dimensions => Parameters.Count;

    public ParameterDefinition this[string name] => Parameters[_indexByName[name]];

    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Whether a parameter takes part in an assignment of its parents.</summary>
    public static bool IsActive(ParameterDefinition parameter, IReadOnlyDictionary<string, object> assignment) =>
        parameter.When is not { } when || (assignment.TryGetValue(when.Parent, out var v) && when.IsMetBy(v));

    /// <summary>The unit-cube point of a parameter set; NaN for parameters that are inactive or absent.</summary>
    public double[] Encode(IReadOnlyDictionary<string, object> parameters)
    {
        var x = new double[Parameters.Count];
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            x[i] = IsActive(p, parameters) && parameters.TryGetValue(p.Name, out var v) && p.Accepts(v) ? p.ToUnit(v) : double.NaN;
        }
        return x;
    }

    /// <summary>The parameter set of a unit-cube point: only the parameters active under their parents' values.</summary>
    public Dictionary<string, object> Decode(IReadOnlyList<double> unit)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (IsActive(p, result))
            {
                result[p.Name] = p.FromUnit(double.IsNaN(unit[i]) ? 0.5 : unit[i]);
            }
        }
        return result;
    }

    /// <summary>A key that is equal for equal parameter sets, for de-duplicating suggestions.</summary>
    public string Fingerprint(IReadOnlyDictionary<string, object> parameters) =>
        string.Join('\u001f', Parameters.Where(p => parameters.ContainsKey(p.Name))
            .Select(p => p.Name + "=" + ParameterValues.Format(parameters[p.Name])));

    private static List<ParameterDefinition> OrderParentsFirst(List<ParameterDefinition> parameters)
    {
        // Stable topological order: a parameter comes after the one its condition names.
        var ordered = new List<ParameterDefinition>(parameters.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = new List<ParameterDefinition>(parameters);
        while (remaining.Count > 0)
        {
            var next = remaining.FindIndex(p => p.When is null || placed.Contains(p.When.Parent) || !parameters.Exists(q => q.Name == p.When.Parent));
            if (next < 0)
            {
                throw new ArgumentException("The conditions of the search space form a cycle: " +
                    string.Join(", ", remaining.Select(p => p.Name)), nameof(parameters));
            }
            ordered.Add(remaining[next]);
            placed.Add(remaining[next].Name);
            remaining.RemoveAt(next);
        }
        return ordered;
    }
}
