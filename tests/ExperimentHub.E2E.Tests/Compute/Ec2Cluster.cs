using System.Globalization;
using ExperimentHub.Client;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Server.Compute;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Ec2;

namespace ExperimentHub.E2E.Tests.Compute;

/// <summary>
/// The EC2 test endpoint and a server whose ec2 backend launches into it: each "instance" runs the real built
/// <c>ehub agent</c> from its user data. Passes every half second, so the tests take seconds, not minutes.
/// </summary>
public sealed class Ec2Cluster : IAsyncDisposable
{
    private Ec2Cluster(Ec2TestEndpoint endpoint, ExperimentHubServer server)
    {
        Endpoint = endpoint;
        Server = server;
        Client = new ExperimentHubClient(server.Address, server.AdminKey);
    }

    public Ec2TestEndpoint Endpoint { get; }

    public ExperimentHubServer Server { get; }

    public ExperimentHubClient Client { get; }

    public static async Task<Ec2Cluster> StartAsync(Action<IDictionary<string, string?>>? settings = null)
    {
        // The SDK's default credential chain reads these; the endpoint does not check signatures.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXPERIMENTHUBTEST");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "experimenthub-test-secret");
        var endpoint = await Ec2TestEndpoint.StartAsync();
        var port = ExperimentHub.Testing.FreePort.Next();
        var serverUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var cli = CliPaths.Executable;
        var agentCommand = cli.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet " + AgentLaunchScript.Quote(cli) : AgentLaunchScript.Quote(cli);
        var server = await ExperimentHubServer.StartAsync(o =>
        {
            o.Port = port;
            o.Settings["ExperimentHub:Ec2:ServiceUrl"] = endpoint.ServiceUrl;
            o.Settings["ExperimentHub:Ec2:ImageId"] = "ami-0123456789abcdef0";
            o.Settings["ExperimentHub:Ec2:SubnetId"] = "subnet-0123456789abcdef0";
            o.Settings["ExperimentHub:Ec2:SecurityGroupIds:0"] = "sg-0123456789abcdef0";
            o.Settings["ExperimentHub:Ec2:AgentInstall"] = "";
            o.Settings["ExperimentHub:Ec2:InterruptionNoticeUrl"] = endpoint.InterruptionNoticeUrl;
            o.Settings["ExperimentHub:Ec2:OnDemandPrices:t3.small"] = "0.0208";
            o.Settings["ExperimentHub:Compute:ServerUrl"] = serverUrl;
            o.Settings["ExperimentHub:Compute:AgentCommand"] = agentCommand;
            o.Settings["ExperimentHub:Compute:PoolName"] = "e2e-" + port.ToString(CultureInfo.InvariantCulture);
            o.Settings["ExperimentHub:Compute:IntervalSeconds"] = "0.5";
            o.Settings["ExperimentHub:Compute:RetryInitialSeconds"] = "0.5";
            o.Settings["ExperimentHub:Compute:RetryMaxSeconds"] = "2";
            o.Settings["ExperimentHub:Dispatch:HeartbeatSeconds"] = "2";
            o.Settings["ExperimentHub:Dispatch:LeaseSeconds"] = "10";
            settings?.Invoke(o.Settings);
        });
        return new Ec2Cluster(endpoint, server);
    }

    /// <summary>The instances that are not terminated yet.</summary>
    public IReadOnlyList<Ec2TestInstance> Alive => Endpoint.Instances.Where(i => i.State != "terminated").ToList();

    /// <summary>Every instance's output, for a failure message.</summary>
    public string Describe() => string.Join("\n", Endpoint.Instances.Select(i => $"== {i}: {i.StateReason}\n{Tail(i.Output)}"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Endpoint.DisposeAsync();
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}
