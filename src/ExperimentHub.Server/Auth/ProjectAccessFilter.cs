using System.Globalization;
using ExperimentHub.Server.Api;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Refuses with 403 what the caller's role in the endpoint's project does not allow. A run token passes for its own run
/// (read and write) and for reading its sweep; an agent key passes nowhere. A project, sweep or run that does not exist
/// passes, so that the handler answers its 404.
/// </summary>
public static class ProjectAccessFilter
{
    public static TBuilder RequireProjectRole<TBuilder>(this TBuilder builder, ProjectRole needed, ProjectRoute route)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var access = http.RequestServices.GetRequiredService<AccessControl>();
            var refusal = await CheckAsync(http, access, needed, route);
            return refusal is null ? await next(context) : refusal;
        });
        return builder;
    }

    private static async Task<IResult?> CheckAsync(HttpContext http, AccessControl access, ProjectRole needed, ProjectRoute route)
    {
        if (Caller.From(http.User) is not { } caller)
        {
            return Forbidden("this call needs an API key");
        }
        if (caller.Kind == CallerKind.Agent)
        {
            return Forbidden("an agent key serves the agent hub only");
        }
        var cancellationToken = http.RequestAborted;
        var target = route switch
        {
            ProjectRoute.ProjectKey => (http.GetRouteValue("project") ?? http.GetRouteValue("key")) is string key ? await access.ProjectOfKeyAsync(key, cancellationToken) : null,
            ProjectRoute.Sweep => RouteId(http) is { } sweepId ? await access.ProjectOfSweepAsync(sweepId, cancellationToken) : null,
            _ => RouteId(http) is { } runId ? await access.ProjectOfRunAsync(runId, cancellationToken) : null,
        };
        if (target is null)
        {
            return null;
        }
        if (caller.Kind == CallerKind.RunToken)
        {
            var own = route == ProjectRoute.Run
                ? target.RunId == caller.RunId
                : route == ProjectRoute.Sweep && needed == ProjectRole.Viewer && target.SweepId is { } sweep && sweep == caller.SweepId;
            return own ? null : Forbidden($"this run token may use run {caller.RunId} (and read its sweep) only");
        }
        var role = await access.RoleInAsync(caller, target.ProjectId, cancellationToken);
        if (role is null)
        {
            return Forbidden($"{Who(caller)} has no role in project '{target.ProjectKey}'");
        }
        return role < needed
            ? Forbidden($"{Who(caller)} is {EnumNames.ToText(role.Value)} in project '{target.ProjectKey}'; this needs {EnumNames.ToText(needed)} or more")
            : null;
    }

    internal static ProblemHttpResult Forbidden(string why) => ApiProblems.Field(StatusCodes.Status403Forbidden, "Authorization", why);

    private static string Who(Caller caller) => caller.Kind == CallerKind.User ? $"user {caller.Name}" : "this key";

    private static long? RouteId(HttpContext http) =>
        http.GetRouteValue("id") is { } value
        && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
