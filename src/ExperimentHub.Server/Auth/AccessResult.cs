namespace ExperimentHub.Server.Auth;

/// <summary>What a key, user or member change came to: the value, or the HTTP status and the field at fault.</summary>
public sealed record AccessResult<T>(T? Value, int Status, string? Field, string? Error)
{
    public bool Succeeded => Error is null;
}
