using System.Globalization;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Gpus;

/// <summary>The <c>--gpus</c> option: <c>auto</c> (every GPU found), <c>none</c>, or a list of indices like <c>0,1</c>.</summary>
public sealed record GpuSelection
{
    private GpuSelection(bool auto, IReadOnlyList<int> indices)
    {
        IsAuto = auto;
        Indices = indices;
    }

    public static GpuSelection Auto { get; } = new(true, []);

    public static GpuSelection None { get; } = new(false, []);

    public bool IsAuto { get; }

    /// <summary>The indices asked for; empty for auto and none.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <exception cref="FormatException">The text is not auto, none or a list of distinct indices of 0 or more.</exception>
    public static GpuSelection Parse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0 || value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Auto;
        }
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }
        var indices = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new FormatException($"--gpus: '{part}' is not a GPU index; use auto, none, or indices like 0,1.");
            }
            if (indices.Contains(index))
            {
                throw new FormatException($"--gpus: GPU {index} is listed twice.");
            }
            indices.Add(index);
        }
        return new GpuSelection(false, indices);
    }

    /// <summary>The detected GPUs this selection keeps.</summary>
    /// <exception cref="ArgumentException">An index asked for was not detected.</exception>
    public IReadOnlyList<GpuInfo> Apply(IReadOnlyList<GpuInfo> detected)
    {
        ArgumentNullException.ThrowIfNull(detected);
        if (IsAuto)
        {
            return detected;
        }
        var chosen = new List<GpuInfo>();
        foreach (var index in Indices)
        {
            var gpu = detected.FirstOrDefault(g => g.Index == index) ?? throw new ArgumentException(
                detected.Count == 0
                    ? $"--gpus asks for GPU {index}, but nvidia-smi reports no GPUs on this machine."
                    : $"--gpus asks for GPU {index}, but this machine has only {string.Join(", ", detected.Select(g => g.Index))}.");
            chosen.Add(gpu);
        }
        return chosen;
    }

    public override string ToString() => IsAuto ? "auto" : Indices.Count == 0 ? "none" : string.Join(',', Indices);
}
