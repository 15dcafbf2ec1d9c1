using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;

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

    /// <summary>One token per leased trial, added to the lease's context (saved in its transaction); the texts in the order of <paramref name="runIds"/>.</summary>
    public IReadOnlyList<string> AddTrialTokens(ExperimentHubDb db, IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runIds);
        var tokens = new List<string>(runIds.Count);
        foreach (var runId in runIds)
        {
            var token = ApiKeyTokens.NewRunToken();
            tokens.Add(token.Text);
            var row = Row(token, TrialTokenName, ApiKeyScope.Run);
            row.RunId = runId;
            db.ApiKeys.Add(row);
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
