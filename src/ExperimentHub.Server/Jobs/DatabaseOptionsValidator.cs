using ExperimentHub.Server.Data;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Jobs;

/// <summary>An unknown provider, or a server provider without a connection string, stops the start with one line.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ProviderName switch
        {
            DatabaseOptions.Sqlite => ValidateOptionsResult.Success,
            DatabaseOptions.Postgres or DatabaseOptions.SqlServer when string.IsNullOrWhiteSpace(options.ConnectionString) =>
                ValidateOptionsResult.Fail($"ExperimentHub:Database:ConnectionString is required when ExperimentHub:Database:Provider is {options.ProviderName}"),
            DatabaseOptions.Postgres or DatabaseOptions.SqlServer => ValidateOptionsResult.Success,
            _ => ValidateOptionsResult.Fail(
                $"ExperimentHub:Database:Provider must be {DatabaseOptions.Sqlite}, {DatabaseOptions.Postgres} or {DatabaseOptions.SqlServer}, not '{options.Provider}'"),
        };
    }
}
