using System.Text;

namespace ExperimentHub.Agent.Trials;

/// <summary>The last lines of a trial's output, bounded in lines and in characters per line; thread-safe.</summary>
public sealed class LogTail(int maxLines = 100, int maxLineChars = 2000)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var kept = line.Length > maxLineChars ? string.Concat(line.AsSpan(0, maxLineChars), "…") : line;
        lock (_lock)
        {
            _lines.Enqueue(kept);
            while (_lines.Count > maxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            foreach (var line in _lines)
            {
                text.Append(line).Append('\n');
            }
            return text.ToString();
        }
    }
}
