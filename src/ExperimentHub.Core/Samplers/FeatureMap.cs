using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Turns unit-cube points into Gaussian-process inputs: a numeric parameter keeps its coordinate (its log scale
/// and integer bins come from the shared encoding), a categorical one becomes one-hot, so no order is invented
/// between choices. Inactive parameters sit at the middle (numeric) or all zeros (categorical).
/// </summary>
internal sealed class FeatureMap
{
    private readonly SearchSpace _space;
    private readonly int[] _offsets;

    public FeatureMap(SearchSpace space)
    {
        _space = space;
        _offsets = new int[space.Dimensions];
        var width = 0;
        for (var i = 0; i < space.Dimensions; i++)
        {
            _offsets[i] = width;
            var p = space.Parameters[i];
            width += p.Kind == ParameterKind.Categorical ? p.Choices.Count : 1;
        }
        Width = width;
    }

    public int Width { get; }

    /// <summary>The input (the first, for a one-hot categorical) that a parameter of the space becomes.</summary>
    public int InputOf(int dimension) => _offsets[dimension];

    public double[] Map(ReadOnlySpan<double> unit)
    {
        var f = new double[Width];
        for (var i = 0; i < _space.Dimensions; i++)
        {
            var p = _space.Parameters[i];
            var u = unit[i];
            if (p.Kind == ParameterKind.Categorical)
            {
                if (!double.IsNaN(u))
                {
                    var k = Math.Min((int)(u * p.Choices.Count), p.Choices.Count - 1);
                    f[_offsets[i] + k] = 1;
                }
            }
            else
            {
                f[_offsets[i]] = double.IsNaN(u) ? 0.5 : u;
            }
        }
        return f;
    }
}
