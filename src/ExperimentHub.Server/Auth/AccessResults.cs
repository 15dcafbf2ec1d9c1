namespace ExperimentHub.Server.Auth;

public static class AccessResults
{
    public static AccessResult<T> Ok<T>(T value) => new(value, StatusCodes.Status200OK, null, null);

    public static AccessResult<T> Fail<T>(int status, string field, string error) => new(default, status, field, error);
}
