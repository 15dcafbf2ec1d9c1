using ExperimentHub.Server.Compute.Ec2;
using ExperimentHub.Server.Compute.Slurm;

namespace ExperimentHub.Server.Compute;

public static class ComputeExtensions
{
    /// <summary>
    /// The compute backends (ec2, slurm), the scaler that starts agents for their sweeps, and the terminator; their
    /// passes run as Hangfire jobs (Jobs/ComputeJobs).
    /// </summary>
    public static WebApplicationBuilder AddExperimentHubCompute(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ComputeOptions>().BindConfiguration(ComputeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Ec2Options>().BindConfiguration(Ec2Options.Section);
        services.AddOptions<SlurmOptions>().BindConfiguration(SlurmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ComputeServerUrl>();
        services.AddSingleton<IComputeBackend, Ec2ComputeBackend>();
        services.AddSingleton<IComputeBackend, SlurmComputeBackend>();
        services.AddSingleton<ComputeBackends>();
        services.AddSingleton<ComputeInstanceStore>();
        services.AddSingleton<ComputeScaler>();
        services.AddSingleton<InstanceTerminator>();
        return builder;
    }
}
