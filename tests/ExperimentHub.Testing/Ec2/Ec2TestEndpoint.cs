using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Testing.Ec2;

/// <summary>
/// A small EC2-compatible endpoint on 127.0.0.1, for the EC2 tests (there is no EC2 emulator here): the Query API's
/// RunInstances, DescribeInstances, TerminateInstances, CreateTags and DescribeSpotPriceHistory, answered in the XML
/// the AWS SDK parses, and errors in EC2's error format. The AWS SDK reaches it through <c>ServiceURL</c>; it does not
/// check request signatures.
/// <para>
/// Each instance it launches runs its user data (a shell script) on this machine, in a folder of its own, as a real
/// process: in the tests, an <c>ehub agent</c>. TerminateInstances sends that process SIGTERM (as a shutdown does),
/// and kills it if it lingers. Each instance has its own instance metadata service under
/// <c>/instances/{id}/latest/</c>: the user data's references to <see cref="MetadataBaseUrl"/> are pointed there
/// when the instance starts, as 169.254.169.254 is each instance's own on EC2. <see cref="InterruptSpot"/> posts a
/// spot interruption notice there and terminates the instance once its process ends (or after a grace period).
/// </para>
/// </summary>
public sealed class Ec2TestEndpoint : IAsyncDisposable
{
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static readonly XNamespace Ns = Namespace;

    private readonly WebApplication _app;
    private readonly TemporaryDirectory _folder = new("ec2");
    private readonly ConcurrentDictionary<string, Ec2TestInstance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly object _failureLock = new();
    private Ec2LaunchFailure? _failure;
    private int _next;

    private Ec2TestEndpoint(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The endpoint's URL, for <c>ServiceURL</c> (<c>ExperimentHub:Ec2:ServiceUrl</c>).</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Stands for <c>http://169.254.169.254</c> in user data; each instance's copy is pointed at its own metadata.</summary>
    public string MetadataBaseUrl => ServiceUrl.TrimEnd('/');

    /// <summary>The spot interruption notice URL as a server should configure it (<c>ExperimentHub:Ec2:InterruptionNoticeUrl</c>).</summary>
    public string InterruptionNoticeUrl => MetadataBaseUrl + "/latest/meta-data/spot/instance-action";

    /// <summary>The spot price DescribeSpotPriceHistory reports for every type, in dollars per hour.</summary>
    public decimal SpotPrice { get; set; } = 0.0312m;

    /// <summary>How long an interrupted spot instance may run after its notice before it is terminated regardless.</summary>
    public TimeSpan InterruptionGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Environment variables set for every instance's user data.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every instance launched so far, in launch order.</summary>
    public IReadOnlyList<Ec2TestInstance> Instances => [.. _instances.Values.OrderBy(i => i.Id, StringComparer.Ordinal)];

    /// <summary>The most instances alive (not terminated) at once so far.</summary>
    public int MaxAlive { get; private set; }

    /// <summary>The Action of every call, in order (RunInstances, DescribeInstances, …).</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public static async Task<Ec2TestEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new Ec2TestEndpoint(app);
        app.MapPost("/", endpoint.HandleQueryAsync);
        app.MapPut("/instances/{id}/latest/api/token", (string id) => endpoint._instances.ContainsKey(id)
            ? Results.Text("test-imds-token-" + id)
            : Results.NotFound());
        app.MapGet("/instances/{id}/latest/meta-data/spot/instance-action", (string id) =>
            endpoint._instances.TryGetValue(id, out var instance) && instance.InterruptionNotice is { } notice
                ? Results.Text(notice, "application/json")
                : Results.NotFound());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.ServiceUrl = address.TrimEnd('/') + "/";
        return endpoint;
    }

    /// <summary>The next <paramref name="failure"/>.Times RunInstances calls fail with its code.</summary>
    public void FailLaunches(Ec2LaunchFailure failure)
    {
        lock (_failureLock)
        {
            _failure = failure;
        }
    }

    /// <summary>
    /// Gives the instance a spot interruption notice (two minutes ahead, as EC2 does) and terminates it once its user
    /// data's process has exited, or after <see cref="InterruptionGrace"/>.
    /// </summary>
    public void InterruptSpot(string instanceId)
    {
        var instance = _instances[instanceId];
        var at = DateTime.UtcNow.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        instance.InterruptionNotice = $$"""{"action": "terminate", "time": "{{at}}"}""";
        _ = Task.Run(async () =>
        {
            using var grace = new CancellationTokenSource(InterruptionGrace);
            try
            {
                if (instance.Process is { } process)
                {
                    await process.WaitForExitAsync(grace.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Reclaimed regardless, as EC2 does.
            }
            await TerminateAsync(instance, "Server.SpotInstanceTermination: the spot instance was reclaimed");
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances.Values)
        {
            await TerminateAsync(instance, "the test endpoint stopped");
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<IResult> HandleQueryAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var query = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var action = query.GetValueOrDefault("Action") ?? "";
        _calls.Enqueue(action);
        return action switch
        {
            "RunInstances" => RunInstances(query),
            "DescribeInstances" => DescribeInstances(query),
            "TerminateInstances" => TerminateInstances(query),
            "CreateTags" => CreateTags(query),
            "DescribeSpotPriceHistory" => DescribeSpotPriceHistory(query),
            _ => Error(400, "InvalidAction", $"The action {action} is not valid for this web service."),
        };
    }

    private IResult RunInstances(Dictionary<string, string> query)
    {
        lock (_failureLock)
        {
            if (_failure is { Times: > 0 } failure)
            {
                _failure = failure with { Times = failure.Times - 1 };
                return Error(failure.Code == "RequestLimitExceeded" ? 503 : 400, failure.Code, failure.Message);
            }
        }
        var min = int.Parse(query.GetValueOrDefault("MinCount") ?? "1", CultureInfo.InvariantCulture);
        var max = int.Parse(query.GetValueOrDefault("MaxCount") ?? "1", CultureInfo.InvariantCulture);
        var image = query.GetValueOrDefault("ImageId") ?? query.GetValueOrDefault("LaunchTemplate.LaunchTemplateId");
        if (image is null)
        {
            return Error(400, "MissingParameter", "The request must contain the parameter ImageId or LaunchTemplate.");
        }
        if (min < 1 || max < min)
        {
            return Error(400, "InvalidParameterValue", "MinCount and MaxCount are not valid.");
        }
        var type = query.GetValueOrDefault("InstanceType") ?? "m1.small";
        var spot = query.GetValueOrDefault("InstanceMarketOptions.MarketType") == "spot";
        var maxPrice = query.GetValueOrDefault("InstanceMarketOptions.SpotOptions.MaxPrice");
        var userData = query.TryGetValue("UserData", out var encoded) ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : "";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var s = 1; query.ContainsKey($"TagSpecification.{s}.ResourceType"); s++)
        {
            for (var t = 1; query.TryGetValue($"TagSpecification.{s}.Tag.{t}.Key", out var key); t++)
            {
                tags[key] = query.GetValueOrDefault($"TagSpecification.{s}.Tag.{t}.Value") ?? "";
            }
        }
        var launched = new List<Ec2TestInstance>();
        for (var i = 0; i < max; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"i-{Interlocked.Increment(ref _next):x17}");
            var instance = new Ec2TestInstance(id, image, type, spot, maxPrice, tags, userData);
            _instances[id] = instance;
            MaxAlive = Math.Max(MaxAlive, _instances.Values.Count(x => x.State != "terminated"));
            launched.Add(instance);
            Boot(instance);
        }
        var reservation = "r-" + Guid.NewGuid().ToString("N")[..17];
        return Xml(new XElement(Ns + "RunInstancesResponse",
            RequestId(),
            new XElement(Ns + "reservationId", reservation),
            new XElement(Ns + "ownerId", "123456789012"),
            new XElement(Ns + "groupSet"),
            new XElement(Ns + "instancesSet", launched.Select(InstanceXml))));
    }

    private IResult DescribeInstances(Dictionary<string, string> query)
    {
        var ids = Numbered(query, "InstanceId");
        var filters = new List<(string Name, List<string> Values)>();
        for (var f = 1; query.TryGetValue($"Filter.{f}.Name", out var name); f++)
        {
            filters.Add((name, Numbered(query, $"Filter.{f}.Value")));
        }
        var unknown = ids.FirstOrDefault(id => !_instances.ContainsKey(id));
        if (unknown is not null)
        {
            return Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{unknown}' does not exist");
        }
        var matches = _instances.Values
            .Where(i => ids.Count == 0 || ids.Contains(i.Id))
            .Where(i => filters.All(f => Matches(i, f.Name, f.Values)))
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        return Xml(new XElement(Ns + "DescribeInstancesResponse",
            RequestId(),
            new XElement(Ns + "reservationSet", matches.Select(i => new XElement(Ns + "item",
                new XElement(Ns + "reservationId", "r-" + i.Id[2..]),
                new XElement(Ns + "ownerId", "123456789012"),
                new XElement(Ns + "groupSet"),
                new XElement(Ns + "instancesSet", InstanceXml(i)))))));
    }

    private IResult TerminateInstances(Dictionary<string, string> query)
    {
        var ids = Numbered(query, "InstanceId");
        if (ids.Count == 0)
        {
            return Error(400, "MissingParameter", "The request must contain the parameter InstanceId.");
        }
        if (ids.FirstOrDefault(id => !_instances.ContainsKey(id)) is { } unknown)
        {
            return Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{unknown}' does not exist");
        }
        var items = new List<XElement>();
        foreach (var id in ids)
        {
            var instance = _instances[id];
            var before = (instance.StateCode, instance.State);
            if (instance.State is not ("terminated" or "shutting-down"))
            {
                instance.State = "shutting-down";
                instance.StateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
                _ = Task.Run(() => TerminateAsync(instance, "Client.UserInitiatedShutdown: User initiated shutdown"));
            }
            items.Add(new XElement(Ns + "item",
                new XElement(Ns + "instanceId", id),
                new XElement(Ns + "currentState", new XElement(Ns + "code", instance.StateCode), new XElement(Ns + "name", instance.State)),
                new XElement(Ns + "previousState", new XElement(Ns + "code", before.StateCode), new XElement(Ns + "name", before.State))));
        }
        return Xml(new XElement(Ns + "TerminateInstancesResponse", RequestId(), new XElement(Ns + "instancesSet", items)));
    }

    private IResult CreateTags(Dictionary<string, string> query)
    {
        var ids = Numbered(query, "ResourceId");
        if (ids.FirstOrDefault(id => !_instances.ContainsKey(id)) is { } unknown)
        {
            return Error(400, "InvalidInstanceID.NotFound", $"The instance ID '{unknown}' does not exist");
        }
        foreach (var id in ids)
        {
            for (var t = 1; query.TryGetValue($"Tag.{t}.Key", out var key); t++)
            {
                _instances[id].Tags[key] = query.GetValueOrDefault($"Tag.{t}.Value") ?? "";
            }
        }
        return Xml(new XElement(Ns + "CreateTagsResponse", RequestId(), new XElement(Ns + "return", "true")));
    }

    private IResult DescribeSpotPriceHistory(Dictionary<string, string> query)
    {
        var types = Numbered(query, "InstanceType");
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        string[] zones = ["us-east-1a", "us-east-1b"];
        return Xml(new XElement(Ns + "DescribeSpotPriceHistoryResponse",
            RequestId(),
            new XElement(Ns + "spotPriceHistorySet", types.SelectMany(type => zones.Select((zone, z) => new XElement(Ns + "item",
                new XElement(Ns + "instanceType", type),
                new XElement(Ns + "productDescription", "Linux/UNIX"),
                // The second zone is a little dearer: a caller must pick one (the backend costs at the highest).
                new XElement(Ns + "spotPrice", (SpotPrice + (z * 0.001m)).ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "timestamp", now),
                new XElement(Ns + "availabilityZone", zone))))),
            new XElement(Ns + "nextToken", "")));
    }

    /// <summary>Runs the user data as a shell script in the instance's own folder, pointed at its own metadata service.</summary>
    private void Boot(Ec2TestInstance instance)
    {
        var folder = _folder.Combine(instance.Id);
        Directory.CreateDirectory(folder);
        var script = instance.UserData.Replace(MetadataBaseUrl + "/latest/", $"{MetadataBaseUrl}/instances/{instance.Id}/latest/", StringComparison.Ordinal);
        var path = Path.Combine(folder, "user-data.sh");
        File.WriteAllText(path, script);
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.Environment["HOME"] = folder;
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => instance.Append(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        instance.Process = process;
        instance.State = "running";
    }

    /// <summary>SIGTERM to the user data's process (a shutdown), SIGKILL to what is left after 20 s; then terminated.</summary>
    private static async Task TerminateAsync(Ec2TestInstance instance, string reason)
    {
        if (instance.State == "terminated")
        {
            return;
        }
        instance.State = "shutting-down";
        if (instance.Process is { } process && !process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        instance.StateReason = reason;
        instance.State = "terminated";
    }

    private static bool Matches(Ec2TestInstance instance, string filter, List<string> values)
    {
        if (filter == "instance-state-name")
        {
            return values.Contains(instance.State);
        }
        if (filter == "instance-type")
        {
            return values.Contains(instance.InstanceType);
        }
        if (filter.StartsWith("tag:", StringComparison.Ordinal))
        {
            return instance.Tags.TryGetValue(filter[4..], out var value) && values.Contains(value);
        }
        if (filter == "tag-key")
        {
            return instance.Tags.Keys.Any(values.Contains);
        }
        throw new NotSupportedException($"the EC2 test endpoint has no filter '{filter}'");
    }

    private static XElement InstanceXml(Ec2TestInstance i) => new(Ns + "item",
        new XElement(Ns + "instanceId", i.Id),
        new XElement(Ns + "imageId", i.ImageId),
        new XElement(Ns + "instanceState", new XElement(Ns + "code", i.StateCode), new XElement(Ns + "name", i.State)),
        new XElement(Ns + "instanceType", i.InstanceType),
        new XElement(Ns + "launchTime", i.LaunchTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
        i.Spot ? new XElement(Ns + "instanceLifecycle", "spot") : null,
        i.StateReason is { } reason ? new XElement(Ns + "stateReason", new XElement(Ns + "code", reason.Split(':')[0]), new XElement(Ns + "message", reason)) : null,
        new XElement(Ns + "tagSet", i.Tags.Select(t => new XElement(Ns + "item", new XElement(Ns + "key", t.Key), new XElement(Ns + "value", t.Value)))));

    /// <summary>The values of <c>Name.1</c>, <c>Name.2</c>, … in order.</summary>
    private static List<string> Numbered(Dictionary<string, string> query, string name)
    {
        var values = new List<string>();
        for (var n = 1; query.TryGetValue($"{name}.{n}", out var value); n++)
        {
            values.Add(value);
        }
        return values;
    }

    private static XElement RequestId() => new(Ns + "requestId", Guid.NewGuid().ToString());

    private static IResult Xml(XElement body) =>
        Results.Text(new XDeclaration("1.0", "UTF-8", null) + "\n" + body.ToString(SaveOptions.DisableFormatting), "text/xml", Encoding.UTF8);

    /// <summary>EC2's error document: <c>Response/Errors/Error/{Code,Message}</c> and a <c>RequestID</c>.</summary>
    private static IResult Error(int status, string code, string message) => Results.Text(
        new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", Guid.NewGuid().ToString())).ToString(SaveOptions.DisableFormatting),
        "text/xml", Encoding.UTF8, status);
}
