namespace ExperimentHub.Client.Tests.Infrastructure;

public static class Names
{
    /// <summary>A project key no other test uses (keys are lowercase letters, digits and dashes).</summary>
    public static string ProjectKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
}
