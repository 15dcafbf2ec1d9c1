using ExperimentHub.Server.Dispatch;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Notifications;

public static class NotificationsExtensions
{
    /// <summary>Webhook and email notifications of sweeps, planned as dispatch reports events and sent by Hangfire jobs.</summary>
    public static WebApplicationBuilder AddExperimentHubNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        // The job sets its own timeout per try; the handler must not retry behind the job's back.
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<ISweepNotifications>(sp => sp.GetRequiredService<NotificationPlanner>());
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<INotificationQueries, NotificationQueries>();
        services.AddSingleton<ProjectNotifyDefaults>();
        return builder;
    }
}
