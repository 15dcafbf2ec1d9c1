using System.Text.Json;

namespace ExperimentHub.Agent.SignalR;

/// <summary>The parts of the negotiate answer this client uses: the connection token, or a redirect.</summary>
internal sealed record NegotiateResponse(string? ConnectionToken, string? RedirectUrl, string? AccessToken)
{
    public static NegotiateResponse Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new HubConnectionException("The negotiate response is not a JSON object.");
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            throw new HubConnectionException($"The server refused to negotiate: {error.GetString()}") { IsFatal = true };
        }
        if (root.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
        {
            var token = root.TryGetProperty("accessToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return new NegotiateResponse(null, url.GetString(), token);
        }
        if (!SupportsTextWebSockets(root))
        {
            throw new HubConnectionException("The server does not offer the WebSockets transport with text frames, the only one this client speaks.") { IsFatal = true };
        }
        // negotiateVersion 1 hands out a separate connection token; version 0 servers only the connection id.
        var connectionToken = root.TryGetProperty("connectionToken", out var ct) && ct.ValueKind == JsonValueKind.String
            ? ct.GetString()
            : root.TryGetProperty("connectionId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return connectionToken is null
            ? throw new HubConnectionException("The negotiate response holds neither a connection token nor a redirect.")
            : new NegotiateResponse(connectionToken, null, null);
    }

    private static bool SupportsTextWebSockets(JsonElement root)
    {
        if (!root.TryGetProperty("availableTransports", out var transports) || transports.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var transport in transports.EnumerateArray())
        {
            if (transport.TryGetProperty("transport", out var name) && name.ValueEquals("WebSockets") &&
                transport.TryGetProperty("transferFormats", out var formats) && formats.ValueKind == JsonValueKind.Array &&
                formats.EnumerateArray().Any(f => f.ValueEquals("Text")))
            {
                return true;
            }
        }
        return false;
    }
}
