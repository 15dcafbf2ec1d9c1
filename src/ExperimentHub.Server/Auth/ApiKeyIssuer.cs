using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// The one place API keys and run tokens are made: the text (<see cref="ApiKeyTokens"/>), its stored form and the
/// row. The admin key bootstrap, the local agent, run creation and trial leases all come here.
/// </summary>
public sealed class ApiKeyIssuer(TimeProvider time) : IRunTokenIssuer
{
    public const string RunTokenName = "run token";
    public const string TrialTokenName = "trial token";

    // The lease path writes its tokens in the lease's own transaction, on the raw connection it already holds.
    private const string InsertRunTokenSql = """
        INSERT INTO api_keys (user_id, run_id, name, prefix, hash, scope, created_at)
        VALUES (NULL, $run, $name, $prefix, $hash, 'run', $now)
        """;

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

    /// <summary>A key for an agent started for one sweep (an EC2 instance, a Slurm job): it may run that sweep's trials, nothing else.</summary>
    public IssuedKey NewSweepAgentKey(long sweepId, string name)
    {
        var secret = ApiKeyTokens.NewAdminKey();
        var row = Row(secret, name, ApiKeyScope.SweepAgent);
        row.SweepId = sweepId;
        return new IssuedKey(secret, row);
    }

    /// <summary>The row of an admin key whose text is given (configured, or read back from its file).</summary>
    public ApiKey AdminRow(string secret, string name, long? userId)
    {
        var row = Row(secret, name, ApiKeyScope.Admin);
        row.UserId = userId;
        return row;
    }

    /// <summary>One token per leased trial, written in the lease's transaction; the texts in the order of <paramref name="runIds"/>.</summary>
    public async Task<IReadOnlyList<string>> InsertTrialTokensAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(runIds);
        var tokens = new List<string>(runIds.Count);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertRunTokenSql;
        var run = insert.Parameters.Add("$run", SqliteType.Integer);
        var prefix = insert.Parameters.Add("$prefix", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        insert.Parameters.AddWithValue("$name", TrialTokenName);
        insert.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var runId in runIds)
        {
            var token = ApiKeyTokens.NewRunToken();
            tokens.Add(token);
            run.Value = runId;
            prefix.Value = ApiKeyTokens.DisplayPrefix(token);
            hash.Value = ApiKeyTokens.Hash(token);
            await insert.ExecuteNonQueryAsync(cancellationToken);
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
