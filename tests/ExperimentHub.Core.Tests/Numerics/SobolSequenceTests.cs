using ExperimentHub.Core.Numerics;

namespace ExperimentHub.Core.Tests.Numerics;

public class SobolSequenceTests
{
    [Fact]
    public void First_coordinate_is_van_der_corput()
    {
        var sobol = new SobolSequence(3);
        Assert.Equal(0.0, sobol.Point(0)[0], 6);
        Assert.Equal(0.5, sobol.Point(1)[0], 6);
        Assert.Equal(0.75, sobol.Point(2)[0], 6);
        Assert.Equal(0.25, sobol.Point(3)[0], 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(12345UL)]
    public void Every_coordinate_of_the_first_2_to_the_k_points_fills_each_of_2_to_the_k_bins_once(ulong? seed)
    {
        const int k = 6;
        var sobol = new SobolSequence(12, seed);
        for (var d = 0; d < 12; d++)
        {
            var bins = Enumerable.Range(0, 1 << k).Select(i => (int)(sobol.Point(i)[d] * (1 << k))).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, 1 << k).ToArray(), bins);
        }
    }

    [Fact]
    public void Pairs_of_coordinates_are_stratified_in_two_dimensional_elementary_boxes()
    {
        // Dimensions 0 and 1 form a (0, 2)-sequence: 16 points fill a 4x4 grid once.
        var sobol = new SobolSequence(2, 99UL);
        var cells = Enumerable.Range(0, 16).Select(i => sobol.Point(i)).Select(p => (int)(p[0] * 4) * 4 + (int)(p[1] * 4)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 16).ToArray(), cells);
    }

    [Fact]
    public void Scrambling_is_deterministic_in_the_seed()
    {
        Assert.Equal(new SobolSequence(5, 7UL).Point(10), new SobolSequence(5, 7UL).Point(10));
        Assert.NotEqual(new SobolSequence(5, 7UL).Point(10), new SobolSequence(5, 8UL).Point(10));
    }

    [Fact]
    public void Primitive_polynomials_are_recognized()
    {
        Assert.True(SobolSequence.IsPrimitive(0b111));      // x^2 + x + 1
        Assert.True(SobolSequence.IsPrimitive(0b1011));     // x^3 + x + 1
        Assert.False(SobolSequence.IsPrimitive(0b101));     // x^2 + 1 = (x + 1)^2
        Assert.False(SobolSequence.IsPrimitive(0b11111));   // x^4 + x^3 + x^2 + x + 1 has order 5, not 15
    }
}
