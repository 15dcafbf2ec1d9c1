namespace ExperimentHub.Agent.Gpus;

/// <summary>Hands each trial its own GPUs from the agent's set and takes them back when it ends; thread-safe.</summary>
public sealed class GpuAllocator
{
    private readonly SortedSet<int> _free;
    private readonly HashSet<int> _all;
    private readonly Lock _lock = new();

    public GpuAllocator(IEnumerable<int> gpuIndices)
    {
        ArgumentNullException.ThrowIfNull(gpuIndices);
        _all = [.. gpuIndices];
        _free = [.. _all];
    }

    public int TotalCount => _all.Count;

    public int FreeCount
    {
        get
        {
            lock (_lock)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>Takes <paramref name="count"/> free GPUs (lowest indices first); false, taking none, when too few are free.</summary>
    public bool TryAllocate(int count, out IReadOnlyList<int> indices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            if (_free.Count < count)
            {
                indices = [];
                return false;
            }
            var taken = _free.Take(count).ToArray();
            foreach (var index in taken)
            {
                _free.Remove(index);
            }
            indices = taken;
            return true;
        }
    }

    public void Release(IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        lock (_lock)
        {
            foreach (var index in indices)
            {
                if (!_all.Contains(index))
                {
                    throw new ArgumentException($"GPU {index} does not belong to this agent.", nameof(indices));
                }
                if (!_free.Add(index))
                {
                    throw new InvalidOperationException($"GPU {index} was released twice.");
                }
            }
        }
    }
}
