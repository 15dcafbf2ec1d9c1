using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Notifications;

/// <summary>The SMTP settings that can be wrong before any mail is sent.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Smtp.Security is not ("none" or "starttls" or "ssl"))
        {
            failures.Add($"ExperimentHub:Notifications:Smtp:Security must be none, starttls or ssl, not '{options.Smtp.Security}'");
        }
        if (options.Smtp.Port is < 1 or > 65535)
        {
            failures.Add($"ExperimentHub:Notifications:Smtp:Port must be between 1 and 65535, not {options.Smtp.Port}");
        }
        if (!MimeKit.MailboxAddress.TryParse(options.Smtp.From, out _))
        {
            failures.Add($"ExperimentHub:Notifications:Smtp:From must be an address such as 'ExperimentHub <ehub@example.com>', not '{options.Smtp.From}'");
        }
        if (options.PublicUrl.Length > 0 && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
        {
            failures.Add($"ExperimentHub:Notifications:PublicUrl must be an absolute URL, not '{options.PublicUrl}'");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
