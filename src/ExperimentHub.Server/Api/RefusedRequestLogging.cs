namespace ExperimentHub.Server.Api;

/// <summary>
/// One log line per refused API request (a 4xx: bad key, invalid field, unknown id), with its method, path and status,
/// at Information: a refusal is the client's problem, so it never logs at error level or with a stack trace.
/// </summary>
public static partial class RefusedRequestLogging
{
    public static IApplicationBuilder UseRefusedRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RefusedRequestLogging).FullName!);
        return app.Use(async (context, next) =>
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status is >= 400 and < 500 && ApiPaths.IsApi(context.Request))
            {
                Refused(logger, context.Request.Method, context.Request.Path.Value ?? "", status);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: answered {Status}")]
    private static partial void Refused(ILogger logger, string method, string path, int status);
}
