using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace ExperimentHub.Server.Api;

/// <summary>
/// Turns refused requests (malformed JSON, unknown fields, wrong types, bodies too large) into problem details
/// naming the field, from the JSON path the serializer reports (<c>$.points[3].value</c> becomes <c>points[3].value</c>).
/// Any other failure of an API request is a 500 in problem details too, never the dashboard's HTML error page.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return ApiPaths.IsApi(httpContext.Request) && await WriteInternalErrorAsync(httpContext, exception);
        }
        var status = bad.StatusCode;
        string field;
        string message;
        if (FindJsonException(bad) is { } json)
        {
            (field, message) = Describe(json);
        }
        else if (status == StatusCodes.Status413PayloadTooLarge)
        {
            (field, message) = ("body", "the request body is larger than this server accepts (ExperimentHub:Api:MaxBodyBytes)");
        }
        else if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            (field, message) = ("Content-Type", bad.Message);
        }
        else if (BindFailure().Match(bad.Message) is { Success: true } binding)
        {
            // A route or query value of the wrong type, such as ?limit=ten.
            (field, message) = (binding.Groups["name"].Value, $"'{binding.Groups["value"].Value}' is not a valid {Friendly(binding.Groups["type"].Value)}");
        }
        else if (RequiredMissing().Match(bad.Message) is { Success: true } required)
        {
            (field, message) = (required.Groups["name"].Value, $"'{required.Groups["name"].Value}' is required");
        }
        else
        {
            (field, message) = ("body", bad.Message);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Detail = $"{field}: {message}",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
            },
        });
    }

    private ValueTask<bool> WriteInternalErrorAsync(HttpContext httpContext, Exception exception)
    {
        // The exception handler middleware has logged the exception; the client gets the trace id to find it.
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The server failed to answer this request",
                Detail = "An unexpected error occurred on the server; its log has the details under this request's traceId.",
            },
        });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    internal static (string Field, string Message) Describe(JsonException json)
    {
        var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..]
            : json.Path is { Length: > 1 } q && q.StartsWith('$') ? q[1..]
            : "";
        var message = json.Message;
        // "... was missing required properties including: 'key'." names the field itself.
        var missing = MissingProperty().Match(message);
        if (missing.Success)
        {
            var name = missing.Groups[1].Value;
            return (path.Length > 0 ? $"{path}.{name}" : name, $"'{name}' is required");
        }
        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
        {
            var name = unknown.Groups[1].Value;
            var owner = path.EndsWith(name, StringComparison.Ordinal) ? path : path.Length > 0 ? $"{path}.{name}" : name;
            return (owner, $"'{name}' is not a known field");
        }
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return (path.Length > 0 ? path : "body", text.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong type or is not valid JSON for this field"
            : text);
    }

    private static string Friendly(string type)
    {
        var inner = type.StartsWith("Nullable<", StringComparison.Ordinal) ? type[9..^1] : type;
        return inner switch
        {
            "int" or "long" or "Int32" or "Int64" => "whole number",
            "double" or "float" or "Double" or "Single" => "number",
            "bool" or "Boolean" => "true or false",
            "DateTimeOffset" or "DateTime" => "date and time",
            _ => inner,
        };
    }

    // ASP.NET Core's messages for parameters bound from the route, the query or a header.
    [GeneratedRegex("^Failed to bind parameter \"(?<type>\\S+) (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?<type>\\S+) (?<name>[^\"]+)\" was not provided")]
    private static partial Regex RequiredMissing();

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();

    [GeneratedRegex("JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();
}
