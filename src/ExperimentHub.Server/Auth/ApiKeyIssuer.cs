using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Data;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// The one place API keys and run tokens are made: the text (<see cref="ApiKeyTokens"/>), its stored form and the
/// row. The admin key bootstrap, the local agent, run creation and trial leases all come here.
/// </summary>
public sealed class ApiKeyIssuer(TimeProvider time) : IRunTokenIssuer
{
    public const string RunTokenName = "run token";
    public const string TrialTokenName = "trial token";

    /// <summary>A token that may write to <paramref name="run"/> alone (a run created over the API).</summary>
    public IssuedKey NewRunToken(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var secret = ApiKeyTokens.NewRunToken();
        var row = Row(secret, RunTokenName, ApiKeyScope.Run);
        row.Run = run;
        return new IssuedKey(secret, row);
    }

    /// <summary>A new admin key (the generated bootstrap key, the local agent's key).</summary>
    public IssuedKey NewAdminKey(string name, long? userId = null)
    {
        var secret = ApiKeyTokens.NewAdminKey();
        return new IssuedKey(secret, AdminRow(secret, name, userId));
    }

    /// <summary>The row of an admin key whose text is given (configured, or read back from its file).</summary>
    public ApiKey AdminRow(string secret, string name, long? userId)
    {
        var row = Row(secret, name, ApiKeyScope.Admin);
        row.UserId = userId;
        return row;
    }

    /// <summary>One token per leased trial, added to the lease's context (saved in its transaction); the texts in the order of <paramref name="runIds"/>.</summary>
    public IReadOnlyList<string> AddTrialTokens(ExperimentHubDb db, IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runIds);
        var tokens = new List<string>(runIds.Count);
        foreach (var runId in runIds)
        {
            var token = ApiKeyTokens.NewRunToken();
            tokens.Add(token);
            var row = Row(token, TrialTokenName, ApiKeyScope.Run);
            row.RunId = runId;
            db.ApiKeys.Add(row);
        }
        return tokens;
    }

    private ApiKey Row(string secret, string name, ApiKeyScope scope) => new()
    {
        Name = name,
        Prefix = ApiKeyTokens.DisplayPrefix(secret),
        Hash = ApiKeyTokens.Hash(secret),
        Scope = scope,
        CreatedAt = time.GetUtcNow(),
    };
}
