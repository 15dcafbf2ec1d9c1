using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Auth;

/// <summary><c>ExperimentHub:Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "ExperimentHub:Bootstrap";

    /// <summary>When set, an admin key with exactly this text exists after start (automation, tests).</summary>
    [MinLength(16, ErrorMessage = "ExperimentHub:Bootstrap:AdminApiKey must have at least 16 characters")]
    public string? AdminApiKey { get; set; }
}
