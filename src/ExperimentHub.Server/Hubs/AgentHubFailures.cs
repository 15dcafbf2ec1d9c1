using Microsoft.AspNetCore.SignalR;

namespace ExperimentHub.Server.Hubs;

/// <summary>
/// Logs what goes wrong in the agent hub once, each kind as it deserves. A refusal (a <see cref="HubException"/>: a
/// call before Register, a registration with a bad field) is expected and goes back to the agent as its reason: one
/// line. Anything else is a fault: logged with its stack trace. SignalR's own dispatcher would log every one of
/// them, refusals included, as an error with a stack trace, so its lines are left out (see <see cref="AgentHubExtensions"/>).
/// </summary>
internal sealed class AgentHubFailures(ILogger<AgentHubFailures> logger) : IHubFilter
{
    /// <summary>The logging category of SignalR's dispatcher, whose lines this filter replaces.</summary>
    internal const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException e)
        {
            logger.LogInformation("The agent hub refused {Method} on connection {ConnectionId}: {Reason}",
                invocationContext.HubMethodName, invocationContext.Context.ConnectionId, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            logger.LogError(e, "The agent hub failed to run {Method} on connection {ConnectionId}", invocationContext.HubMethodName,
                invocationContext.Context.ConnectionId);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The agent hub failed to accept connection {ConnectionId}", context.Context.ConnectionId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The agent hub failed to close connection {ConnectionId}", context.Context.ConnectionId);
            throw;
        }
    }
}
