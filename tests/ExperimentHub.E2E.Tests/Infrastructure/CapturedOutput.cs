using System.Collections.Concurrent;
using System.Diagnostics;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>The lines a child process writes to standard output and error, kept for assertions and failure messages.</summary>
public sealed class CapturedOutput
{
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly ConcurrentQueue<string> _all = new();

    public string StandardOutput => string.Join(Environment.NewLine, _stdout);

    public string StandardError => string.Join(Environment.NewLine, _stderr);

    /// <summary>The last lines of both streams in the order they came.</summary>
    public string Tail => string.Join(Environment.NewLine, _all.TakeLast(60));

    public void Attach(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.OutputDataReceived += (_, e) => Add(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Add(_stderr, e.Data);
    }

    private void Add(ConcurrentQueue<string> stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        stream.Enqueue(line);
        _all.Enqueue(line);
        while (_all.Count > 2000)
        {
            _all.TryDequeue(out _);
        }
    }
}
