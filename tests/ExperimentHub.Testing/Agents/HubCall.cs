namespace ExperimentHub.Testing.Agents;

/// <summary>One call of a <see cref="FakeAgentHub"/> method, on the connection it came on.</summary>
public sealed record HubCall(string ConnectionId, string Method);
