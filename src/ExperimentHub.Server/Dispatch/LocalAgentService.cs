using ExperimentHub.Agent.Gpus;
using ExperimentHub.Agent.Runners;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The agent inside the server process (<c>ExperimentHub:LocalAgent:Slots</c>), so that one machine runs sweeps with
/// no further set-up. It is the agent library's own runner, connected to this server's hub at the address Kestrel
/// listens on, with an admin key made for it at each start (older local-agent keys are revoked).
/// </summary>
public sealed class LocalAgentService(
    IOptions<LocalAgentOptions> options,
    IDbContextFactory<ExperimentHubDb> contexts,
    ApiKeyIssuer keys,
    TimeProvider time,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    ILogger<LocalAgentService> logger) : BackgroundService
{
    private const string KeyName = "local agent";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Slots <= 0)
        {
            return;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (ServerUrl() is not { } url)
        {
            logger.LogWarning("The local agent is off: the server listens on no HTTP address it can reach (an in-process test host?)");
            return;
        }

        try
        {
            var key = await IssueKeyAsync(stoppingToken);
            var agentOptions = new AgentOptions
            {
                ServerUrl = url,
                ApiKey = key,
                Name = $"{Environment.MachineName} (local)",
                Slots = settings.Slots,
                Gpus = GpuSelection.Parse(settings.Gpus),
                Workdir = ResolveWorkdir(settings),
            };
            await using var runner = await AgentRunner.CreateAsync(agentOptions, loggers, stoppingToken);
            logger.LogInformation("Local agent: {Slots} slot(s), connected to {Url}", runner.Slots, agentOptions.HubUrl);
            // The hub closes every connection as soon as the server begins to stop, before this service is stopped:
            // the agent stops at that moment too, so it takes the closed connection for its own end, not a lost server.
            using var serverStopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
            await runner.RunAsync(serverStopping.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Shutting down.
        }
#pragma warning disable CA1031 // The server goes on without its local agent; the log says why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "The local agent stopped");
        }
    }

    /// <summary>The first HTTP address Kestrel listens on, with a wildcard host turned into the loopback address.</summary>
    private Uri? ServerUrl()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0))
        {
            var text = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }
        }
        return null;
    }

    private async Task<string> IssueKeyAsync(CancellationToken cancellationToken)
    {
        var key = keys.NewKey(KeyName, ApiKeyScope.Agent, userId: null, projectId: null, expiresAt: null);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.Name == KeyName && k.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, now), cancellationToken);
        db.ApiKeys.Add(key.Row);
        await db.SaveChangesAsync(cancellationToken);
        return key.Secret;
    }

    /// <summary>
    /// Where the user started the server: `dotnet run --project src/ExperimentHub.Server` runs it in the project
    /// folder, but specs name workdirs (examples/synthetic) relative to the folder the command was typed in, which
    /// the shell keeps in PWD.
    /// </summary>
    internal static string ResolveWorkdir(LocalAgentOptions settings) =>
        string.IsNullOrWhiteSpace(settings.Workdir) ? DefaultWorkdir() : Path.GetFullPath(settings.Workdir);

    private static string DefaultWorkdir()
    {
        var launched = Environment.GetEnvironmentVariable("PWD");
        return !string.IsNullOrEmpty(launched) && Path.IsPathFullyQualified(launched) && Directory.Exists(launched)
            ? launched
            : Directory.GetCurrentDirectory();
    }
}
