namespace ExperimentHub.Server.Tests.Auth;

/// <summary>Tests that swap <see cref="Console.Out"/> to read what the server prints run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "console capture";
}
