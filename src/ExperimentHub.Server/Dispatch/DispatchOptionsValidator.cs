using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>Cross-field rules: a lease must outlive two heartbeats, or a healthy agent would lose its trials.</summary>
internal sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.HeartbeatSeconds * 2 > options.LeaseSeconds)
        {
            errors.Add($"ExperimentHub:Dispatch:HeartbeatSeconds ({options.HeartbeatSeconds}) must be at most half of LeaseSeconds ({options.LeaseSeconds}), so that one late heartbeat does not requeue a healthy trial");
        }
        if (!string.IsNullOrWhiteSpace(options.PublicUrl) &&
            (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"ExperimentHub:Dispatch:PublicUrl '{options.PublicUrl}' must be an absolute http or https URL");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
