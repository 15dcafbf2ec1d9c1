namespace ExperimentHub.Agent.SignalR;

public enum HubConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}
