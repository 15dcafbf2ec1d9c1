using System.Diagnostics;
using System.Text;

namespace ExperimentHub.Testing.Ec2;

/// <summary>
/// One instance of <see cref="Ec2TestEndpoint"/>: a record of what RunInstances asked for, and the process that runs
/// its user data on this machine (an <c>ehub agent</c>, in the tests) in a folder of its own.
/// </summary>
public sealed class Ec2TestInstance
{
    private readonly StringBuilder _output = new();
    private readonly object _lock = new();
    private string _state = "pending";

    internal Ec2TestInstance(string id, string imageId, string instanceType, bool spot, string? maxPrice, IReadOnlyDictionary<string, string> tags, string userData)
    {
        Id = id;
        ImageId = imageId;
        InstanceType = instanceType;
        Spot = spot;
        MaxPrice = maxPrice;
        Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        UserData = userData;
        LaunchTime = DateTime.UtcNow;
    }

    public string Id { get; }
    public string ImageId { get; }
    public string InstanceType { get; }
    public bool Spot { get; }
    public string? MaxPrice { get; }
    public Dictionary<string, string> Tags { get; }
    /// <summary>The decoded user data, as RunInstances sent it.</summary>
    public string UserData { get; }
    public DateTime LaunchTime { get; }

    /// <summary>pending, running, shutting-down or terminated.</summary>
    public string State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
        internal set
        {
            lock (_lock)
            {
                _state = value;
            }
        }
    }

    /// <summary>Set once a spot interruption notice was given: the metadata service answers it.</summary>
    public string? InterruptionNotice { get; internal set; }

    /// <summary>Why it was terminated (a TerminateInstances call, a spot interruption).</summary>
    public string? StateReason { get; internal set; }

    internal Process? Process { get; set; }

    /// <summary>True once the user data's process has ended.</summary>
    public bool ProcessExited => Process is null || Process.HasExited;

    /// <summary>What the user data printed, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    internal void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    internal int StateCode => State switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        _ => 48,
    };

    public override string ToString() => $"{Id} ({InstanceType}{(Spot ? ", spot" : "")}, {State})";
}
