namespace ExperimentHub.Server.Hubs;

/// <summary>Runs <see cref="AgentHubExtensions.UseAgentHubAccessToken"/> ahead of everything, authentication included.</summary>
internal sealed class AgentHubAccessTokenFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseAgentHubAccessToken();
        next(app);
    };
}
