namespace ExperimentHub.Testing.Ec2;

/// <summary>An error the endpoint answers the next RunInstances calls with, as EC2 does when it lacks capacity or a quota is reached.</summary>
/// <param name="Code">The EC2 error code, such as <c>InsufficientInstanceCapacity</c> or <c>InstanceLimitExceeded</c>.</param>
/// <param name="Message">Its message.</param>
/// <param name="Times">How many calls fail before launches succeed again.</param>
public sealed record Ec2LaunchFailure(string Code, string Message, int Times);
