using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Dispatch;

/// <summary>The <c>ExperimentHub:LocalAgent</c> settings: an agent inside the server process.</summary>
public sealed class LocalAgentOptions
{
    public const string Section = "ExperimentHub:LocalAgent";

    /// <summary>Trials it runs at once; 0 turns the local agent off.</summary>
    [Range(0, 256, ErrorMessage = "ExperimentHub:LocalAgent:Slots must be between 0 (off) and 256")]
    public int Slots { get; set; } = 2;

    /// <summary><c>none</c>, <c>auto</c> (every GPU nvidia-smi lists) or indices such as <c>0,1</c>.</summary>
    public string Gpus { get; set; } = "none";

    /// <summary>The folder trials' relative workdirs are resolved against; empty: the folder the server was started from (the shell's PWD), else its working directory.</summary>
    public string? Workdir { get; set; }
}
