using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// The one place API keys and run tokens are made: the text (<see cref="ApiKeyTokens"/>), its stored form and the
/// row. The keys API, the bootstrap key, the local agent, run creation and trial leases all come here.
/// </summary>
public sealed class ApiKeyIssuer(TimeProvider time) : IRunTokenIssuer
{
    public const string RunTokenName = "run token";
    public const string TrialTokenName = "trial token";
    /// <summary>The public id of the row that stands for <c>ExperimentHub:Bootstrap:AdminApiKey</c>.</summary>
    public const string BootstrapPublicId = "bootstrap";

    // The lease path writes its tokens in the lease's own transaction, on the raw connection it already holds.
    private const string InsertRunTokenSql = """
        INSERT INTO api_keys (user_id, run_id, name, prefix, public_id, hash, scope, created_at)
        VALUES (NULL, $run, $name, $prefix, $public_id, $hash, 'run', $now)
        """;

    /// <summary>A token that may write to <paramref name="run"/> alone (a run created over the API).</summary>
    public IssuedKey NewRunToken(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var key = ApiKeyTokens.NewRunToken();
        var row = Row(key, RunTokenName, ApiKeyScope.Run);
        row.Run = run;
        return new IssuedKey(key.Text, row);
    }

    /// <summary>A new key with a role, for a user (and a project, for owner, editor and viewer keys).</summary>
    public IssuedKey NewKey(string name, ApiKeyScope role, long? userId, long? projectId, DateTimeOffset? expiresAt)
    {
        var key = ApiKeyTokens.NewKey();
        var row = Row(key, name, role);
        row.UserId = userId;
        row.ProjectId = projectId;
        row.ExpiresAt = expiresAt;
        return new IssuedKey(key.Text, row);
    }

    /// <summary>A key for an agent started for one sweep (an EC2 instance, a Slurm job): it may run that sweep's trials, nothing else.</summary>
    public IssuedKey NewSweepAgentKey(long sweepId, string name)
    {
        var key = ApiKeyTokens.NewKey();
        var row = Row(key, name, ApiKeyScope.SweepAgent);
        row.SweepId = sweepId;
        return new IssuedKey(key.Text, row);
    }

    /// <summary>The row of the configured bootstrap key, whose text is not ours to shape: its whole text is hashed.</summary>
    public ApiKey BootstrapRow(string text, long userId) => new()
    {
        Name = "bootstrap (ExperimentHub:Bootstrap:AdminApiKey)",
        Prefix = "(configured)",
        PublicId = BootstrapPublicId,
        Hash = ApiKeyTokens.Hash(text),
        Scope = ApiKeyScope.Admin,
        UserId = userId,
        CreatedAt = time.GetUtcNow(),
    };

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
        var publicId = insert.Parameters.Add("$public_id", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        insert.Parameters.AddWithValue("$name", TrialTokenName);
        insert.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var runId in runIds)
        {
            var token = ApiKeyTokens.NewRunToken();
            tokens.Add(token.Text);
            run.Value = runId;
            prefix.Value = token.Prefix;
            publicId.Value = token.PublicId;
            hash.Value = token.Hash;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return tokens;
    }

    private ApiKey Row(GeneratedKey key, string name, ApiKeyScope scope) => new()
    {
        Name = name,
        Prefix = key.Prefix,
        PublicId = key.PublicId,
        Hash = key.Hash,
        Scope = scope,
        CreatedAt = time.GetUtcNow(),
    };
}
