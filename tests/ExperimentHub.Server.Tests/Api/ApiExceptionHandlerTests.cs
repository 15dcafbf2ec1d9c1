using System.Text.Json;
using ExperimentHub.Server.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Api;

public sealed class ApiExceptionHandlerTests
{
    private static async Task<(bool Handled, HttpContext Context, string Body)> HandleAsync(string path, Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>());
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);
        context.Response.Body.Position = 0;
        return (handled, context, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_failure_inside_an_api_request_is_a_500_problem_without_the_exception_text()
    {
        var (handled, context, body) = await HandleAsync("/api/v1/runs/7/metrics", new InvalidOperationException("secret internals"));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("traceId", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_of_a_dashboard_page_is_left_to_the_dashboards_error_page()
    {
        var (handled, _, body) = await HandleAsync("/sweeps/3", new InvalidOperationException("page failed"));

        Assert.False(handled);
        Assert.Empty(body);
    }
}
