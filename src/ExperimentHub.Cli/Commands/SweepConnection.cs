using System.CommandLine;
using System.Net;
using ExperimentHub.Client;

namespace ExperimentHub.Cli.Commands;

/// <summary>
/// <c>--server</c> and <c>--api-key</c>, falling back to <c>EXPERIMENTHUB_API_URL</c> and <c>EXPERIMENTHUB_API_KEY</c>,
/// and the reporting of what goes wrong talking to the server.
/// </summary>
internal sealed class SweepConnection
{
    public const string UrlVariable = "EXPERIMENTHUB_API_URL";
    public const string KeyVariable = "EXPERIMENTHUB_API_KEY";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The server's base URL, such as http://127.0.0.1:5000 (default: ${UrlVariable})",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"An API key (default: ${KeyVariable})",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
    }

    /// <summary>A client for the server the options or the environment name, or null after saying what is missing.</summary>
    public ExperimentHubClient? Connect(ParseResult parse, SweepTerminal terminal)
    {
        var url = parse.GetValue(Server) ?? terminal.Variable(UrlVariable);
        if (url is null)
        {
            terminal.Fail($"no server: pass --server URL or set {UrlVariable}");
            return null;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            terminal.Fail($"--server '{url}' is not an http:// or https:// URL");
            return null;
        }
        return new ExperimentHubClient(uri, parse.GetValue(ApiKey) ?? terminal.Variable(KeyVariable));
    }

    /// <summary>Reports a failed call to the server in a sentence; returns the exit code.</summary>
    public static int Report(Exception error, ExperimentHubClient client, SweepTerminal terminal)
    {
        switch (error)
        {
            case ExperimentHubException { Status: HttpStatusCode.Unauthorized } e:
                terminal.Fail($"{e.Message} (pass an API key with --api-key or set {KeyVariable})");
                break;
            case ExperimentHubException { Status: HttpStatusCode.Forbidden } e:
                terminal.Fail($"{e.Message} (this needs an admin API key)");
                break;
            case ExperimentHubException e:
                terminal.Fail(e.Message);
                break;
            case HttpRequestException e:
                terminal.Fail($"cannot reach the server at {client.BaseAddress}: {e.Message}");
                break;
            case TaskCanceledException:
                terminal.Fail($"the server at {client.BaseAddress} did not answer in time");
                break;
            default:
                throw error;
        }
        return SweepExitCodes.Failed;
    }

    public static bool IsServerError(Exception error) => error is ExperimentHubException or HttpRequestException or TaskCanceledException;
}
