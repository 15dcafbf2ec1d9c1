using ExperimentHub.Server.Dispatch;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Compute;

/// <summary>The URL agents started by a backend reach this server at: <c>ExperimentHub:Compute:ServerUrl</c>, else the dispatch public URL.</summary>
public sealed class ComputeServerUrl(IOptions<ComputeOptions> compute, IOptions<DispatchOptions> dispatch)
{
    public string? Url => (string.IsNullOrWhiteSpace(compute.Value.ServerUrl) ? dispatch.Value.PublicUrl : compute.Value.ServerUrl)?.TrimEnd('/') is { Length: > 0 } url
        ? url
        : null;

    /// <summary>Null when there is a URL; else what to set.</summary>
    public string? Problem => Url is null
        ? $"agents on instances and Slurm nodes need this server's URL: set {ComputeOptions.Section}:ServerUrl (or {DispatchOptions.Section}:PublicUrl)"
        : null;
}
