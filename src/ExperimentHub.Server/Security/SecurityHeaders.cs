namespace ExperimentHub.Server.Security;

/// <summary>
/// The response headers every answer carries, dashboard and API alike. The content security policy lets only this
/// origin's scripts run: Blazor's and MudBlazor's script files, the dashboard's modules and plotly (a file under
/// lib/ or _content/, loaded from this origin); no inline script, no eval. Styles may be inline, because MudBlazor and
/// plotly set style attributes and elements; the circuit's WebSocket is this origin too.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Adds the headers to every response, set before the rest of the pipeline writes anything.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return next(context);
        });
    }
}
