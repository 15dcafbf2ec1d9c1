namespace ExperimentHub.Core.Specs;

/// <summary>
/// The machines a sweep runs on (<c>resources: {backend, instances, instance_type, spot, max_price}</c>).
/// The spec checks only the backend's name and the numbers; whether a backend is configured is the server's call.
/// </summary>
/// <param name="Backend">Where trials run.</param>
/// <param name="Instances">How many machines at most; null for the backend's default.</param>
/// <param name="InstanceType">The machine type (an EC2 instance type, for example); null for the backend's default.</param>
/// <param name="Spot">Whether to ask for spot (preemptible) machines.</param>
/// <param name="MaxPrice">The highest hourly price to pay for a spot machine; null for the on-demand price.</param>
public sealed record Resources(ComputeBackend Backend = ComputeBackend.Agents, int? Instances = null, string? InstanceType = null,
    bool Spot = false, double? MaxPrice = null);
