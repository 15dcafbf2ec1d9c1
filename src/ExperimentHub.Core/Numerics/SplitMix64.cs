namespace ExperimentHub.Core.Numerics;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood): a stable 64-bit mixer. Unlike <see cref="HashCode"/>, which is seeded per
/// process, its output is the same in every process, so seeds derived with it repeat across server restarts.
/// </summary>
public static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>The finalizer of SplitMix64: a bijective scramble of one 64-bit word.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Folds several values into one well-mixed word, order-sensitively.</summary>
    public static ulong Combine(params ReadOnlySpan<long> values)
    {
        var state = 0x6A09E667F3BCC909UL;
        foreach (var v in values)
        {
            state = Mix(state + Gamma + (ulong)v);
        }
        return state;
    }

    /// <summary>A non-negative 31-bit seed for <see cref="Random"/>, derived from <paramref name="values"/>.</summary>
    public static int Seed(params ReadOnlySpan<long> values) => (int)(Combine(values) >> 33);

    /// <summary>The next word of the SplitMix64 generator whose state is <paramref name="state"/>.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }
}
