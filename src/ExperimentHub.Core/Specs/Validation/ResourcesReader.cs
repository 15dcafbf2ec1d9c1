using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Validation;

/// <summary>
/// The spec's <c>resources</c>: <c>{backend: agents}</c> (the default), <c>{backend: ec2, instances: 4,
/// instance_type: g5.xlarge, spot: true, max_price: 0.5}</c> or <c>{backend: slurm, instances: 4, partition: gpu,
/// time_limit: 120, gpus: 1}</c>. A key the chosen backend does not read is refused, naming the backends that do.
/// </summary>
internal sealed class ResourcesReader(FieldReader reader)
{
    private const string Path = "resources";
    private const string Example = "{backend: ec2, instances: 4, instance_type: g5.xlarge, spot: true}";

    private static readonly Dictionary<string, ComputeBackend> Backends = new(StringComparer.Ordinal)
    {
        ["agents"] = ComputeBackend.Agents,
        ["ec2"] = ComputeBackend.Ec2,
        ["slurm"] = ComputeBackend.Slurm,
    };

    private static readonly Dictionary<string, ComputeBackend[]> KeyBackends = new(StringComparer.Ordinal)
    {
        ["backend"] = [ComputeBackend.Agents, ComputeBackend.Ec2, ComputeBackend.Slurm],
        ["instances"] = [ComputeBackend.Ec2, ComputeBackend.Slurm],
        ["slots"] = [ComputeBackend.Ec2, ComputeBackend.Slurm],
        ["instance_type"] = [ComputeBackend.Ec2],
        ["spot"] = [ComputeBackend.Ec2],
        ["max_price"] = [ComputeBackend.Ec2],
        ["partition"] = [ComputeBackend.Slurm],
        ["time_limit"] = [ComputeBackend.Slurm],
        ["gpus"] = [ComputeBackend.Slurm],
    };

    public ResourcesSpec? Read(SpecMapping doc)
    {
        if (FieldReader.Get(doc, Path) is not { } node)
        {
            return ResourcesSpec.Default;
        }
        if (reader.Mapping(node, Path, Example) is not { } mapping)
        {
            return null;
        }
        if (FieldReader.Get(mapping, "backend") is not { } backendNode)
        {
            reader.Error("resources.backend", "is required: agents, ec2 or slurm", mapping);
            return null;
        }
        if (reader.Choice(backendNode, "resources.backend", Backends) is not { } backend)
        {
            return null;
        }
        var name = Backends.First(b => b.Value == backend).Key;
        var allowed = KeyBackends.Where(k => k.Value.Contains(backend)).Select(k => k.Key).ToList();
        reader.CheckKeys(mapping, Path, allowed, key => KeyBackends.TryGetValue(key, out var readers)
            ? $"'{key}' does not apply to backend {name} (only {string.Join(" and ", readers.Select(r => Backends.First(b => b.Value == r).Key))} read it)"
            : null);

        var ok = true;
        int? Int(string key, int min, int max, int fallback)
        {
            if (FieldReader.Get(mapping, key) is not { } n || !allowed.Contains(key))
            {
                return fallback;
            }
            var value = reader.Int32(n, SpecPaths.Child(Path, key), min, max);
            ok &= value is not null;
            return value;
        }
        var instances = Int("instances", 1, 1000, 1);
        var slots = Int("slots", 1, 1000, 1);
        var gpus = Int("gpus", 0, 64, 0);
        int? timeLimit = FieldReader.Get(mapping, "time_limit") is not null && allowed.Contains("time_limit") ? Int("time_limit", 1, 525_600, 0) : null;
        string? instanceType = null, partition = null;
        if (FieldReader.Get(mapping, "instance_type") is { } typeNode && allowed.Contains("instance_type"))
        {
            instanceType = reader.Text(typeNode, "resources.instance_type", 64);
            ok &= instanceType is not null;
        }
        if (FieldReader.Get(mapping, "partition") is { } partitionNode && allowed.Contains("partition"))
        {
            partition = reader.Text(partitionNode, "resources.partition", 128);
            ok &= partition is not null;
        }
        var spot = false;
        if (FieldReader.Get(mapping, "spot") is { } spotNode && allowed.Contains("spot"))
        {
            var flag = reader.Bool(spotNode, "resources.spot");
            ok &= flag is not null;
            spot = flag ?? false;
        }
        double? maxPrice = null;
        if (FieldReader.Get(mapping, "max_price") is { } priceNode && allowed.Contains("max_price"))
        {
            maxPrice = reader.Number(priceNode, "resources.max_price", 0, exclusive: true);
            ok &= maxPrice is not null;
            if (!spot && maxPrice is not null)
            {
                reader.Error("resources.max_price", "applies only to spot instances: add spot: true, or leave max_price out", priceNode);
                ok = false;
            }
        }
        if (!ok)
        {
            return null;
        }
        return new ResourcesSpec
        {
            Backend = backend,
            Instances = instances!.Value,
            SlotsPerInstance = slots!.Value,
            InstanceType = instanceType,
            Spot = spot,
            MaxPrice = maxPrice,
            Partition = partition,
            TimeLimitMinutes = timeLimit,
            Gpus = gpus!.Value,
        };
    }
}
