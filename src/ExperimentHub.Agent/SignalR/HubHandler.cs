namespace ExperimentHub.Agent.SignalR;

/// <summary>A registered handler for one server-to-client method: its parameter types and callback.</summary>
internal sealed record HubHandler(Type[] ParameterTypes, Func<object?[], Task> Callback);
