using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Api;

/// <summary>
/// Sets each request's body limit from its endpoint (artifact uploads carry a DisableRequestSizeLimit marker) and
/// refuses a declared Content-Length over it at once, with a 413 naming the body.
/// </summary>
internal static class BodySizeLimit
{
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var limit = metadata is null ? options.MaxBodyBytes : metadata.MaxRequestBodySize;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            if (limit is { } max && context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                var message = $"the request body has {context.Request.ContentLength} bytes; this call accepts at most {max} (ExperimentHub:Api:MaxBodyBytes)";
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Detail = "body: " + message,
                        Extensions = { ["errors"] = new Dictionary<string, string[]> { ["body"] = [message] } },
                    },
                });
                return;
            }
            await next(context);
        });
}
