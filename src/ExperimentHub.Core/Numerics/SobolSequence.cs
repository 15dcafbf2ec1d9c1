namespace ExperimentHub.Core.Numerics;

/// <summary>
/// A Sobol low-discrepancy sequence in any number of dimensions, optionally scrambled with a random linear
/// matrix scramble plus a digital shift (Matoušek), which keeps the net structure while making the points an
/// unbiased random sample. Direction numbers come from primitive polynomials over GF(2) found here in degree
/// order, with odd initial values drawn from a fixed SplitMix64 stream, so the sequence is the same everywhere.
/// </summary>
public sealed class SobolSequence
{
    private const int Bits = 32;
    private static readonly Lock Gate = new();
    private static readonly List<uint[]> Directions = [];
    private static int _nextPolynomial = 1;
    private static ulong _initStream = 0x5EED5EED5EEDUL;

    private readonly uint[][] _directions;
    private readonly uint[] _shift;

    /// <param name="dimensions">The number of coordinates of each point.</param>
    /// <param name="scrambleSeed">A seed for scrambling, or null for the plain (unscrambled) sequence.</param>
    public SobolSequence(int dimensions, ulong? scrambleSeed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Dimensions = dimensions;
        var plain = DirectionsFor(dimensions);
        _directions = new uint[dimensions][];
        _shift = new uint[dimensions];
        var state = scrambleSeed ?? 0;
        for (var d = 0; d < dimensions; d++)
        {
            if (scrambleSeed is null)
            {
                _directions[d] = plain[d];
                continue;
            }
            // Column j of a random lower-triangular matrix with unit diagonal (bit order: most significant first).
            var columns = new uint[Bits];
            for (var j = 0; j < Bits; j++)
            {
                var diagonal = 1u << (Bits - 1 - j);
                columns[j] = diagonal | ((uint)SplitMix64.Next(ref state) & (diagonal - 1));
            }
            _directions[d] = new uint[Bits];
            for (var k = 0; k < Bits; k++)
            {
                uint scrambled = 0;
                for (var j = 0; j < Bits; j++)
                {
                    if ((plain[d][k] & (1u << (Bits - 1 - j))) != 0)
                    {
                        scrambled ^= columns[j];
                    }
                }
                _directions[d][k] = scrambled;
            }
            _shift[d] = (uint)SplitMix64.Next(ref state);
        }
    }

    public int Dimensions { get; }

    /// <summary>Writes point <paramref name="index"/> (0-based, below 2^32) into <paramref name="destination"/>, in (0, 1).</summary>
    public void Fill(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, uint.MaxValue);
        var gray = (uint)index ^ ((uint)index >> 1);
        for (var d = 0; d < Dimensions; d++)
        {
            var x = _shift[d];
            var g = gray;
            for (var k = 0; g != 0; k++, g >>= 1)
            {
                if ((g & 1) != 0)
                {
                    x ^= _directions[d][k];
                }
            }
            destination[d] = (x + 0.5) / 4294967296.0;
        }
    }

    public double[] Point(long index)
    {
        var p = new double[Dimensions];
        Fill(index, p);
        return p;
    }

    private static List<uint[]> DirectionsFor(int dimensions)
    {
        lock (Gate)
        {
            if (Directions.Count == 0)
            {
                // The first coordinate is van der Corput's sequence: every m_k = 1.
                var first = new uint[Bits];
                for (var k = 0; k < Bits; k++)
                {
                    first[k] = 1u << (Bits - 1 - k);
                }
                Directions.Add(first);
            }
            while (Directions.Count < dimensions)
            {
                var poly = NextPrimitivePolynomial();
                Directions.Add(DirectionNumbers(poly));
            }
            return Directions;
        }
    }

    private static int NextPrimitivePolynomial()
    {
        while (true)
        {
            var p = ++_nextPolynomial;
            if (IsPrimitive(p))
            {
                return p;
            }
        }
    }

    /// <summary>Whether the polynomial with coefficient bits <paramref name="p"/> is primitive: x has order 2^s - 1 modulo p.</summary>
    internal static bool IsPrimitive(int p)
    {
        var degree = 31 - int.LeadingZeroCount(p);
        if (degree < 1 || (p & 1) == 0)
        {
            return false;
        }
        var period = (1 << degree) - 1;
        var r = 1;
        for (var step = 1; step <= period; step++)
        {
            r <<= 1;
            if ((r & (1 << degree)) != 0)
            {
                r ^= p;
            }
            if (r == 1)
            {
                return step == period;
            }
        }
        return false;
    }

    private static uint[] DirectionNumbers(int poly)
    {
        var s = 31 - int.LeadingZeroCount(poly);
        var m = new ulong[Bits];
        for (var k = 0; k < Math.Min(s, Bits); k++)
        {
            // Odd and below 2^(k+1).
            m[k] = (SplitMix64.Next(ref _initStream) & ((1UL << (k + 1)) - 1)) | 1;
        }
        for (var k = s; k < Bits; k++)
        {
            var value = m[k - s] ^ (m[k - s] << s);
            for (var i = 1; i < s; i++)
            {
                if (((poly >> (s - i)) & 1) != 0)
                {
                    value ^= m[k - i] << i;
                }
            }
            m[k] = value;
        }
        var v = new uint[Bits];
        for (var k = 0; k < Bits; k++)
        {
            v[k] = (uint)(m[k] << (Bits - 1 - k));
        }
        return v;
    }
}
