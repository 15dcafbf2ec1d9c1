using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using ExperimentHub.Server.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

public static class DispatchExtensions
{
    /// <summary>
    /// The dispatcher (coordinator, lease reaper, early stopping) and the local agent; agents reach it through the hub
    /// (Hubs). Its timed work runs as Hangfire jobs (Jobs).
    /// </summary>
    public static WebApplicationBuilder AddExperimentHubDispatch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        services.AddExperimentEvents();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<SweepSpecCache>();
        services.AddSingleton<TrialReader>();
        services.AddSingleton<SweepTrialCache>();
        services.AddSingleton<SweepSearchInputs>();
        services.AddSingleton<TrialLeaseStore>();
        services.AddSingleton<SweepService>();
        services.AddSingleton<AskTellService>();
        services.AddSingleton<WarmStartFinder>();
        services.AddSingleton<AgentWorkService>();
        services.AddSingleton<TrialSetupFailures>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<SweepCapacity>();
        services.AddSingleton<ILaunchChecks, LaunchChecks>();
        services.AddSingleton<SweepCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepCoordinator>());
        services.AddSingleton<LeaseReaper>();
        // Before the jobs' hosted services: hosted services start in order, so no reaper pass comes before the renewal.
        services.AddHostedService<LeaseRenewalAtStart>();
        builder.AddExperimentHubJobs();
        services.AddSingleton<EarlyStopper>();
        services.AddSingleton<IMetricSink>(sp => sp.GetRequiredService<EarlyStopper>());
        services.AddHostedService(sp => sp.GetRequiredService<EarlyStopper>());
        services.AddOptions<LocalAgentOptions>().BindConfiguration(LocalAgentOptions.Section).ValidateDataAnnotations()
            .Validate(o => IsGpuSelection(o.Gpus), "ExperimentHub:LocalAgent:Gpus must be none, auto or GPU indices such as 0,1").ValidateOnStart();
        services.AddHostedService<LocalAgentService>();
        return builder;
    }

    private static bool IsGpuSelection(string? text)
    {
        try
        {
            ExperimentHub.Agent.Gpus.GpuSelection.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
