using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Every combination of the parameters' grid values, in a fixed order (the first parameter varies slowest).
/// Ints and categoricals are enumerated whole; floats need a step. A conditional parameter varies only where its
/// condition holds. Suggestions are the next grid points not yet tried; a finished grid suggests nothing more.
/// </summary>
public sealed class GridSampler : ISampler
{
    /// <summary>
    /// Stands for any parent value that no condition names: text no spec can hold (conditions compare it as text, so
    /// it equals no number and no choice), so no child is active under it.
    /// </summary>
    private static readonly string Unnamed = $"\0unnamed grid value {Guid.NewGuid():N}";

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

    /// <summary>
    /// The number of grid points, counting each conditional branch once, from the axes' value counts alone (no value
    /// is made, whatever the ranges); <see cref="long.MaxValue"/> when the count does not fit a long.
    /// </summary>
    public static long Size(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        foreach (var p in space.Parameters)
        {
            RequireFinite(p);
        }
        return CountFrom(space, 0, new Dictionary<string, object>(StringComparer.Ordinal));
    }

    /// <summary>Every grid point, lazily, in the sampler's order.</summary>
    public static IEnumerable<Dictionary<string, object>> Enumerate(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var values = GridValues(space);
        return EnumerateFrom(space, values, 0, new Dictionary<string, object>(StringComparer.Ordinal));
    }

    /// <summary>The grid values of one parameter, each computed when it is read (a wide int range holds no memory).</summary>
    public static IReadOnlyList<object> Values(ParameterDefinition parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var count = RequireFinite(parameter);
        if (parameter.Kind == ParameterKind.Categorical)
        {
            return parameter.Choices;
        }
        if (count > int.MaxValue)
        {
            throw new ArgumentException($"Parameter '{parameter.Name}' has {count:N0} grid values, more than a grid can list.", nameof(parameter));
        }
        return new GridAxis(parameter, (int)count);
    }

    private static long RequireFinite(ParameterDefinition parameter) =>
        parameter.Cardinality ?? throw new ArgumentException(
            $"Parameter '{parameter.Name}' is a continuous float; a grid needs a step for it.", nameof(parameter));

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

    private static long CountFrom(SearchSpace space, int index, Dictionary<string, object> partial)
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
            var named = NamedByConditions(space, p);
            if (named.Count == 0)
            {
                product = SaturatingMultiply(product, p.Cardinality!.Value);
                continue;
            }
            // Values no condition names all lead to the same branch: count it once and multiply, so a parent with
            // 2^53 values costs as little as one with two.
            long sum = 0;
            foreach (var v in named)
            {
                partial[p.Name] = v;
                sum = SaturatingAdd(sum, CountFrom(space, i + 1, partial));
            }
            var others = p.Cardinality!.Value - named.Count;
            if (others > 0)
            {
                partial[p.Name] = Unnamed;
                sum = SaturatingAdd(sum, SaturatingMultiply(others, CountFrom(space, i + 1, partial)));
            }
            partial.Remove(p.Name);
            return SaturatingMultiply(product, sum);
        }
        return product;
    }

    /// <summary>The distinct grid values of <paramref name="parent"/> that some condition names.</summary>
    private static List<object> NamedByConditions(SearchSpace space, ParameterDefinition parent)
    {
        var named = new List<object>();
        foreach (var child in space.Parameters)
        {
            if (child.When is not { } when || when.Parent != parent.Name)
            {
                continue;
            }
            foreach (var v in when.Values)
            {
                if (IsGridValue(parent, v) && !named.Exists(n => ParameterValues.AreEqual(n, v)))
                {
                    named.Add(v);
                }
            }
        }
        return named;
    }

    private static bool IsGridValue(ParameterDefinition p, object value)
    {
        if (p.Kind == ParameterKind.Categorical)
        {
            return p.IndexOf(value) >= 0;
        }
        if (value is string or bool)
        {
            return false;
        }
        var x = ParameterValues.ToDouble(value);
        var k = Math.Round((x - p.Min) / (p.Step ?? 1));
        return k >= 0 && k < p.Cardinality!.Value && ParameterValues.AreEqual(GridAxis.ValueAt(p, (long)k), value);
    }

    private static long SaturatingMultiply(long a, long b) =>
        a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>The values of a stepped int or float axis, made on demand.</summary>
    private sealed class GridAxis(ParameterDefinition parameter, int count) : IReadOnlyList<object>
    {
        public int Count => count;

        public object this[int index] => (uint)index < (uint)count
            ? ValueAt(parameter, index)
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"'{parameter.Name}' has {count} grid values");

        /// <summary>The k-th value: a long for an int axis, a double for a float one.</summary>
#pragma warning disable CA1859 // A long must stay a long: as a double, an int parameter's values would turn into floats.
        public static object ValueAt(ParameterDefinition p, long k)
#pragma warning restore CA1859
        {
            if (p.Kind == ParameterKind.Int)
            {
                return (long)p.Min + k * (long)(p.Step ?? 1);
            }
            return Math.Min(p.Min + k * p.Step!.Value, p.Max);
        }

        public IEnumerator<object> GetEnumerator()
        {
            for (var k = 0; k < count; k++)
            {
                yield return ValueAt(parameter, k);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
