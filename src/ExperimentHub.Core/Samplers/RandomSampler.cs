using ExperimentHub.Core.Numerics;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Random search. The first <see cref="SobolPoints"/> trials of a sweep take consecutive points of a scrambled
/// Sobol sequence (scrambled by the sweep's seed, indexed by the trial's position), which covers the space more
/// evenly than independent draws; later trials are uniform. Discrete spaces never get a repeated suggestion.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private const int MaxAttemptsPerPoint = 64;

    public RandomSampler(int sobolPoints = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sobolPoints);
        SobolPoints = sobolPoints;
    }

    public int SobolPoints { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Suggest(SearchContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        SamplerSupport.ValidateCount(count);
        var space = context.Space;
        var taken = SamplerSupport.Taken(context);
        var result = new List<IReadOnlyDictionary<string, object>>(count);
        if (count == 0)
        {
            return result;
        }
        var random = context.CreateRandom(salt: 1);
        var sobol = space.Dimensions > 0 ? new SobolSequence(space.Dimensions, SplitMix64.Combine(context.Seed, 0x50B01)) : null;
        var index = (long)context.Trials.Count;
        var attempts = 0;
        while (result.Count < count && attempts < count * MaxAttemptsPerPoint)
        {
            attempts++;
            Dictionary<string, object> point;
            if (sobol is not null && index < SobolPoints)
            {
                point = space.Decode(sobol.Point(index));
                index++;
            }
            else
            {
                point = SamplerSupport.Uniform(space, random);
            }
            if (taken.Add(space.Fingerprint(point)))
            {
                result.Add(point);
            }
        }
        return result;
    }
}
