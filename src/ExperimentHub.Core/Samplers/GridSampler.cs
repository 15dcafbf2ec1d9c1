using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Every combination of the parameters' grid values, in a fixed order (the first parameter varies slowest).
/// Ints and categoricals are enumerated whole; floats need a step. A conditional parameter varies only where its
/// condition holds. Suggestions are the next grid points not yet tried; a finished grid suggests nothing more.
/// </summary>
public sealed class GridSampler : ISampler
{
    public IReadOnlyList<IReadOnlyDictionary<string, object>> Suggest(SearchContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        SamplerSupport.ValidateCount(count);
        var taken = SamplerSupport.Taken(context);
        var result = new List<IReadOnlyDictionary<string, object>>(count);
        if (count == 0)
        {
            return result;
        }
        foreach (var point in Enumerate(context.Space))
        {
            if (taken.Add(context.Space.Fingerprint(point)))
            {
                result.Add(point);
                if (result.Count == count)
                {
                    break;
                }
            }
        }
        return result;
    }

    /// <summary>The number of grid points, counting each conditional branch once.</summary>
    public static long Size(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var values = GridValues(space);
        var parents = new HashSet<string>(space.Parameters.Where(p => p.When is not null).Select(p => p.When!.Parent), StringComparer.Ordinal);
        return CountFrom(space, values, parents, 0, new Dictionary<string, object>(StringComparer.Ordinal));
    }

    /// <summary>Every grid point, lazily, in the sampler's order.</summary>
    public static IEnumerable<Dictionary<string, object>> Enumerate(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var values = GridValues(space);
        return EnumerateFrom(space, values, 0, new Dictionary<string, object>(StringComparer.Ordinal));
    }

    /// <summary>The grid values of one parameter.</summary>
    public static IReadOnlyList<object> Values(ParameterDefinition parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        switch (parameter.Kind)
        {
            case ParameterKind.Categorical:
                return parameter.Choices;
            case ParameterKind.Int:
            {
                var step = (long)(parameter.Step ?? 1);
                var values = new List<object>();
                for (var v = (long)parameter.Min; v <= (long)parameter.Max; v += step)
                {
                    values.Add(v);
                }
                return values;
            }
            default:
            {
                if (parameter.Step is not > 0)
                {
                    throw new ArgumentException(
                        $"Parameter '{parameter.Name}' is a continuous float; a grid needs a step for it.", nameof(parameter));
                }
                var n = parameter.Cardinality!.Value;
                var values = new List<object>((int)Math.Min(n, 1 << 20));
                for (long k = 0; k < n; k++)
                {
                    values.Add(Math.Min(parameter.Min + k * parameter.Step.Value, parameter.Max));
                }
                return values;
            }
        }
    }

    private static IReadOnlyList<object>[] GridValues(SearchSpace space) => [.. space.Parameters.Select(Values)];

    private static IEnumerable<Dictionary<string, object>> EnumerateFrom(
        SearchSpace space, IReadOnlyList<object>[] values, int index, Dictionary<string, object> partial)
    {
        if (index == space.Dimensions)
        {
            yield return new Dictionary<string, object>(partial, StringComparer.Ordinal);
            yield break;
        }
        var p = space.Parameters[index];
        if (!SearchSpace.IsActive(p, partial))
        {
            foreach (var point in EnumerateFrom(space, values, index + 1, partial))
            {
                yield return point;
            }
            yield break;
        }
        foreach (var v in values[index])
        {
            partial[p.Name] = v;
            foreach (var point in EnumerateFrom(space, values, index + 1, partial))
            {
                yield return point;
            }
        }
        partial.Remove(p.Name);
    }

    private static long CountFrom(
        SearchSpace space, IReadOnlyList<object>[] values, HashSet<string> parents, int index, Dictionary<string, object> partial)
    {
        // Only parameters that others depend on need branching; the rest multiply.
        long product = 1;
        for (var i = index; i < space.Dimensions; i++)
        {
            var p = space.Parameters[i];
            if (!SearchSpace.IsActive(p, partial))
            {
                continue;
            }
            if (!parents.Contains(p.Name))
            {
                product = checked(product * values[i].Count);
                continue;
            }
            long sum = 0;
            foreach (var v in values[i])
            {
                partial[p.Name] = v;
                sum = checked(sum + CountFrom(space, values, parents, i + 1, partial));
            }
            partial.Remove(p.Name);
            return checked(product * sum);
        }
        return product;
    }
}
