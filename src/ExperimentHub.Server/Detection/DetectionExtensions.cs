namespace ExperimentHub.Server.Detection;

public static class DetectionExtensions
{
    /// <summary>Hyperparameter detection for the dashboard's detection page.</summary>
    public static IServiceCollection AddScriptDetection(this IServiceCollection services)
    {
        services.AddSingleton<IScriptDetection, PythonScriptDetection>();
        return services;
    }
}
