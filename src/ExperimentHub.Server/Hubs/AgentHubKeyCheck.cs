using ExperimentHub.Server.Auth;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Net.Http.Headers;

namespace ExperimentHub.Server.Hubs;

/// <summary>
/// An agent's key is checked when it connects, and its connection may then stay open for days. Each call checks the
/// key again (through the resolver's cache, which a revoke clears), so a revoked or expired key stops working at the
/// agent's next call, its heartbeat at the latest, and its connection is closed; its trials are then requeued as for
/// any agent that went away.
/// </summary>
internal sealed class AgentHubKeyCheck(ApiKeyResolver keys) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        var refusal = await RefusalAsync(context);
        if (refusal is null)
        {
            return await next(invocationContext);
        }
        // AgentHubFailures logs the refusal as one line.
        context.Abort();
        throw new HubException($"the key this connection was opened with no longer works: {refusal}");
    }

    private async Task<string?> RefusalAsync(HubCallerContext context)
    {
        // The bearer header the connection was authenticated with (UseAgentHubAccessToken puts a query token there too).
        if (ApiKeyTokens.FromBearerHeader(context.GetHttpContext()?.Request.Headers[HeaderNames.Authorization]) is not { } token)
        {
            return "it carries no bearer key";
        }
        var check = await keys.ResolveAsync(token, context.ConnectionAborted);
        return check.Refusal;
    }
}
