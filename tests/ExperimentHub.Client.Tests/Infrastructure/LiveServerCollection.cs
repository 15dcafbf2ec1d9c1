namespace ExperimentHub.Client.Tests.Infrastructure;

/// <summary>One real server for all client tests (each test makes its own project, so they do not interfere).</summary>
[CollectionDefinition(Name)]
public sealed class LiveServerCollection : ICollectionFixture<LiveServer>
{
    public const string Name = "live server";
}
