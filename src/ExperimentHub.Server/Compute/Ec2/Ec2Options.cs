namespace ExperimentHub.Server.Compute.Ec2;

/// <summary>
/// <c>ExperimentHub:Ec2</c>: where the ec2 backend launches instances. Credentials are never set here: the AWS SDK's
/// default chain finds them (environment, profile, instance role). With neither an image nor a launch template the
/// backend is off, and a spec asking for ec2 is refused at submit.
/// </summary>
public sealed class Ec2Options
{
    public const string Section = "ExperimentHub:Ec2";

    /// <summary>The AWS region, such as <c>eu-west-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>An EC2-compatible endpoint instead of AWS's (tests); empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AMI instances start from; it must have the .NET runtime (or whatever <c>AgentInstall</c> needs).</summary>
    public string? ImageId { get; set; }

    /// <summary>A launch template to start from instead of (or on top of) the image and network settings.</summary>
    public string? LaunchTemplateId { get; set; }

    /// <summary>The launch template's version; empty for its default.</summary>
    public string? LaunchTemplateVersion { get; set; }

    public string? SubnetId { get; set; }

    public List<string> SecurityGroupIds { get; } = [];

    /// <summary>An EC2 key pair for SSH; empty for none.</summary>
    public string? KeyName { get; set; }

    /// <summary>An instance profile ARN (for example to read artifacts from S3); empty for none.</summary>
    public string? IamInstanceProfileArn { get; set; }

    /// <summary>The type of a sweep that names no <c>resources.instance_type</c>.</summary>
    public string DefaultInstanceType { get; set; } = "t3.medium";

    /// <summary>Shell lines the user data runs before starting the agent, such as installing the ehub tool.</summary>
    public string AgentInstall { get; set; } =
        "dotnet tool install --global ExperimentHub.Cli || dotnet tool update --global ExperimentHub.Cli\nexport PATH=\"$PATH:$HOME/.dotnet/tools\"";

    /// <summary>The instance metadata URL the agent polls for a spot interruption notice (404 while there is none).</summary>
    public string InterruptionNoticeUrl { get; set; } = "http://169.254.169.254/latest/meta-data/spot/instance-action";

    /// <summary>Dollars per hour of on-demand instance types, by type (AWS has no price in the EC2 API); spot prices come from the spot price history.</summary>
    public Dictionary<string, double> OnDemandPrices { get; } = new(StringComparer.Ordinal);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ImageId) || !string.IsNullOrWhiteSpace(LaunchTemplateId);
}
