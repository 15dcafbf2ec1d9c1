using System.Collections;

namespace ExperimentHub.Server.Components.Analysis;

/// <summary>
/// Hover texts formatted when read: a chart sends those of the points it draws (a sample of at most a few thousand),
/// so formatting numbers for all 10,000 trials of a big sweep on every rebuild would be wasted.
/// </summary>
internal sealed class HoverTexts(int count, Func<int, string> format) : IReadOnlyList<string>
{
    public int Count => count;

    public string this[int index] => (uint)index < (uint)count
        ? format(index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {count} hover texts.");

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return format(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
