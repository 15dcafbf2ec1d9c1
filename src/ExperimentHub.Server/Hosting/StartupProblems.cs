using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ExperimentHub.Server.Data;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Hosting;

/// <summary>
/// What stops the server from starting, said in one line that names the setting to change, before anything is opened
/// (a second server on a taken port must not touch the first one's database), and exit code 1.
/// </summary>
public static partial class StartupProblems
{
    private const string DefaultUrls = "http://localhost:5000";

    /// <summary>The first problem the settings show before the host is built: a taken port, an unknown database, an unusable data folder.</summary>
    public static string? Find(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (PortTaken(url) is { } problem)
            {
                return problem;
            }
        }
        var database = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.Section).Bind(database);
        if (DatabaseOptionsValidator.Problem(database) is { } databaseProblem)
        {
            return databaseProblem;
        }
        var dataDir = configuration[$"{StoreOptions.Section}:DataDir"] is { Length: > 0 } dir ? dir : new StoreOptions().DataDir;
        return DataDirProblem(dataDir);
    }

    /// <summary>Runs the options' start-up validation now, before the host starts its services.</summary>
    public static void ValidateSettings(IServiceProvider services) =>
        services.GetService<IStartupValidator>()?.Validate();

    /// <summary>A start-up failure that is the user's to fix, in one line; null for anything else (a bug: let it crash).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => "invalid settings: " + string.Join("; ", invalid.Failures.Select(Plain)),
        IOException { InnerException: AddressInUseException } inUse => $"{inUse.Message} Choose another port with --urls.",
        StoreUnavailableException unavailable => unavailable.Message,
        AggregateException { InnerExceptions.Count: 1 } one => Describe(one.InnerExceptions[0]),
        _ => null,
    };

    /// <summary>Writes the problem to standard error; the process's exit code.</summary>
    public static int Report(string problem)
    {
        Console.Error.WriteLine("experimenthub: " + problem);
        return 1;
    }

    /// <summary>A data annotation's failure, without the validator's wrapping around the message the setting gave.</summary>
    private static string Plain(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } m ? m.Groups["message"].Value : failure;

    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\\.$")]
    private static partial Regex DataAnnotationFailure();

    private static string? PortTaken(string url)
    {
        // Kestrel's wildcards (+, *) are not URIs; the port is what matters here.
        if (!Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri) || uri.Port < 0)
        {
            return $"urls: '{url}' is not an address to listen on, such as http://127.0.0.1:5000";
        }
        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) => parsed,
            _ => null, // a host name: Kestrel resolves it, and reports a clash itself
        };
        // Port 0 asks Kestrel for any free port: it cannot be taken.
        if (address is null || uri.Port == 0)
        {
            return null;
        }
        var listener = new TcpListener(address, uri.Port);
        try
        {
            listener.Start();
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"cannot listen on {url}: port {uri.Port} is in use (is another server running?). Choose another port with --urls http://{uri.Host}:PORT.";
        }
        catch (SocketException e)
        {
            return $"cannot listen on {url}: {e.Message}. Set another address with --urls.";
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string? DataDirProblem(string dataDir)
    {
        var full = Path.GetFullPath(dataDir);
        for (var path = full; Path.GetDirectoryName(path) is { } parent; path = parent)
        {
            if (File.Exists(path))
            {
                return $"ExperimentHub:DataDir '{full}' cannot be the data folder: '{path}' is a file. Set another with --ExperimentHub:DataDir=DIR.";
            }
        }
        try
        {
            OwnerOnlyFiles.CreateFolder(full);
            var probe = Path.Combine(full, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"ExperimentHub:DataDir '{full}' cannot be used as the data folder: {e.Message} Set another with --ExperimentHub:DataDir=DIR.";
        }
    }
}
