using System.Globalization;
using System.Text;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using ExperimentHub.Core.Specs;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Compute.Ec2;

/// <summary>
/// EC2 through AWSSDK.EC2: one RunInstances per agent (so each instance gets its own key), on demand or spot
/// (<c>InstanceMarketOptions</c>, one-time, terminated on interruption), tagged with the pool and the sweep; found
/// again by those tags; terminated with TerminateInstances. The spot price is read from the spot price history.
/// </summary>
public sealed class Ec2ComputeBackend(
    IOptions<Ec2Options> ec2Options, IOptions<ComputeOptions> computeOptions, ComputeServerUrl serverUrl, ILogger<Ec2ComputeBackend> logger)
    : IComputeBackend, IDisposable
{
    // Errors that say "not now" rather than "never": capacity, quotas and throttling.
    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "InsufficientInstanceCapacity", "InstanceLimitExceeded", "VcpuLimitExceeded", "MaxSpotInstanceCountExceeded",
        "SpotMaxPriceTooLow", "InsufficientFreeAddressesInSubnet", "RequestLimitExceeded", "Unavailable", "InternalError",
    };

    private static readonly List<string> LiveStates = ["pending", "running", "stopping", "stopped"];

    private readonly Lazy<AmazonEC2Client> _client = new(() => CreateClient(ec2Options.Value));

    private Ec2Options Options => ec2Options.Value;

    public ComputeBackend Kind => ComputeBackend.Ec2;

    public string? ConfigurationProblem => Options.IsConfigured
        ? serverUrl.Problem
        : $"the server has no EC2 settings: set {Ec2Options.Section}:ImageId (or {Ec2Options.Section}:LaunchTemplateId), with SubnetId and SecurityGroupIds";

    public async Task<StartedCapacity> StartAsync(CapacityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resources = request.Resources;
        var type = resources.InstanceType ?? Options.DefaultInstanceType;
        var pool = computeOptions.Value.PoolName;
        var script = AgentLaunchScript.Build(Options.AgentInstall, computeOptions.Value.AgentCommand, serverUrl.Url!, request,
            resources.Spot ? Options.InterruptionNoticeUrl : null);
        var run = new RunInstancesRequest
        {
            MinCount = 1,
            MaxCount = 1,
            InstanceType = InstanceType.FindValue(type),
            UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes(script)),
            InstanceInitiatedShutdownBehavior = ShutdownBehavior.Terminate,
            TagSpecifications =
            [
                new TagSpecification
                {
                    ResourceType = ResourceType.Instance,
                    Tags =
                    [
                        new Tag(ComputeTags.Pool, pool),
                        new Tag(ComputeTags.Sweep, request.SweepId.ToString(CultureInfo.InvariantCulture)),
                        new Tag("Name", request.AgentName),
                    ],
                },
            ],
        };
        if (!string.IsNullOrWhiteSpace(Options.ImageId))
        {
            run.ImageId = Options.ImageId;
        }
        if (!string.IsNullOrWhiteSpace(Options.LaunchTemplateId))
        {
            run.LaunchTemplate = new LaunchTemplateSpecification
            {
                LaunchTemplateId = Options.LaunchTemplateId,
                Version = string.IsNullOrWhiteSpace(Options.LaunchTemplateVersion) ? null : Options.LaunchTemplateVersion,
            };
        }
        if (!string.IsNullOrWhiteSpace(Options.SubnetId))
        {
            run.SubnetId = Options.SubnetId;
        }
        if (Options.SecurityGroupIds.Count > 0)
        {
            run.SecurityGroupIds = [.. Options.SecurityGroupIds];
        }
        if (!string.IsNullOrWhiteSpace(Options.KeyName))
        {
            run.KeyName = Options.KeyName;
        }
        if (!string.IsNullOrWhiteSpace(Options.IamInstanceProfileArn))
        {
            run.IamInstanceProfile = new IamInstanceProfileSpecification { Arn = Options.IamInstanceProfileArn };
        }
        double? price;
        if (resources.Spot)
        {
            run.InstanceMarketOptions = new InstanceMarketOptionsRequest
            {
                MarketType = MarketType.Spot,
                SpotOptions = new SpotMarketOptions
                {
                    SpotInstanceType = SpotInstanceType.OneTime,
                    InstanceInterruptionBehavior = InstanceInterruptionBehavior.Terminate,
                    MaxPrice = resources.MaxPrice?.ToString("0.#####", CultureInfo.InvariantCulture),
                },
            };
            price = await SpotPriceAsync(type, cancellationToken) ?? resources.MaxPrice;
        }
        else
        {
            price = Options.OnDemandPrices.TryGetValue(type, out var onDemand) ? onDemand : null;
        }

        RunInstancesResponse response;
        try
        {
            response = await _client.Value.RunInstancesAsync(run, cancellationToken);
        }
        catch (AmazonEC2Exception e)
        {
            throw new CapacityException($"EC2 refused to launch a {type}{(resources.Spot ? " spot" : "")} instance: {e.ErrorCode}: {e.Message}",
                e.ErrorCode, e.ErrorCode is not null && RetryableCodes.Contains(e.ErrorCode), e);
        }
        var instance = response.Reservation?.Instances?.FirstOrDefault()
            ?? throw new CapacityException("EC2 answered RunInstances without an instance", null, retryable: true);
        logger.LogInformation("Launched {InstanceId} ({Type}{Spot}) for sweep {SweepId}", instance.InstanceId, type, resources.Spot ? ", spot" : "", request.SweepId);
        return new StartedCapacity(instance.InstanceId, type, price);
    }

    public async Task<IReadOnlyList<ObservedCapacity>> ObserveAsync(CancellationToken cancellationToken)
    {
        var found = new List<ObservedCapacity>();
        var request = new DescribeInstancesRequest
        {
            Filters =
            [
                new Filter("tag:" + ComputeTags.Pool, [computeOptions.Value.PoolName]),
                new Filter("instance-state-name", LiveStates),
            ],
        };
        do
        {
            var response = await _client.Value.DescribeInstancesAsync(request, cancellationToken);
            foreach (var instance in (response.Reservations ?? []).SelectMany(r => r.Instances ?? []))
            {
                var sweepTag = instance.Tags?.FirstOrDefault(t => t.Key == ComputeTags.Sweep)?.Value;
                found.Add(new ObservedCapacity(instance.InstanceId, ComputeTags.ParseSweep(sweepTag), instance.State?.Name?.Value ?? "unknown"));
            }
            request.NextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));
        return found;
    }

    /// <summary>Nothing beyond "gone": a vanished instance's row keeps the terminator's words (a spot interruption, or ended outside).</summary>
    public Task<IReadOnlyDictionary<string, string>> DescribeEndsAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public async Task StopAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count == 0)
        {
            return;
        }
        try
        {
            await _client.Value.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [.. externalIds] }, cancellationToken);
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidInstanceID.NotFound")
        {
            // Already gone; terminate the others one by one so that one stale id does not keep the rest alive.
            foreach (var id in externalIds.Skip(externalIds.Count == 1 ? 1 : 0))
            {
                try
                {
                    await _client.Value.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [id] }, cancellationToken);
                }
                catch (AmazonEC2Exception inner) when (inner.ErrorCode == "InvalidInstanceID.NotFound")
                {
                    logger.LogDebug("Instance {InstanceId} is already gone", id);
                }
            }
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    /// <summary>The latest spot price of the type, the highest over the zones (the instance may land in any of them); null when none is listed.</summary>
    private async Task<double?> SpotPriceAsync(string type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.Value.DescribeSpotPriceHistoryAsync(new DescribeSpotPriceHistoryRequest
            {
                InstanceTypes = [type],
                ProductDescriptions = ["Linux/UNIX"],
                StartTime = DateTime.UtcNow,
            }, cancellationToken);
            var prices = (response.SpotPriceHistory ?? [])
                .GroupBy(p => p.AvailabilityZone)
                .Select(g => g.OrderByDescending(p => p.Timestamp).First().Price)
                .Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null)
                .Where(p => p is not null)
                .ToList();
            return prices.Count == 0 ? null : prices.Max();
        }
        catch (AmazonEC2Exception e)
        {
            logger.LogWarning("The spot price of {Type} could not be read ({Error}); costing at the max price", type, e.Message);
            return null;
        }
    }

    private static AmazonEC2Client CreateClient(Ec2Options options)
    {
        var config = new AmazonEC2Config();
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        // The default credential chain: environment, shared profile, instance role. Nothing is stored here.
        return new AmazonEC2Client(config);
    }
}
