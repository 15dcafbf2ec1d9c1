using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExperimentHub.Server.Events;

public static class EventsExtensions
{
    /// <summary>The one change-notification hub, shared by the stores and the dispatcher that publish and the pages that listen.</summary>
    public static IServiceCollection AddExperimentEvents(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IExperimentEvents, ExperimentEvents>();
        return services;
    }
}
