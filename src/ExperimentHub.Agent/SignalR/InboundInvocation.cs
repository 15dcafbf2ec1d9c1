using System.Text.Json;

namespace ExperimentHub.Agent.SignalR;

/// <summary>A server-to-client call waiting for its handler; <see cref="InvocationId"/> is set when the server wants a result.</summary>
internal sealed record InboundInvocation(string Target, JsonElement Arguments, string? InvocationId);
