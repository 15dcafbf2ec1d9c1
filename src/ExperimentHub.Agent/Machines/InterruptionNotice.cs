using System.Net;

namespace ExperimentHub.Agent.Machines;

/// <summary>
/// Watches the instance metadata service for a spot interruption notice (EC2's <c>spot/instance-action</c>, which
/// answers 404 until the instance is to be reclaimed, about two minutes ahead). Uses an IMDSv2 session token where
/// the service hands one out (<c>PUT …/latest/api/token</c>), and plain GETs where it does not.
/// </summary>
public sealed class InterruptionNotice(HttpClient http, Uri noticeUrl)
{
    private const string TokenHeader = "X-aws-ec2-metadata-token";
    private const string TokenTtlHeader = "X-aws-ec2-metadata-token-ttl-seconds";
    private string? _token;

    /// <summary>Polls every <paramref name="interval"/> until a notice appears; returns its text. Errors are retried.</summary>
    public async Task<string> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await CheckAsync(cancellationToken) is { } notice)
            {
                return notice;
            }
            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>The notice, or null while there is none (or the service cannot be reached).</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            _token ??= await TokenAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, noticeUrl);
            if (_token is { Length: > 0 })
            {
                request.Headers.Add(TokenHeader, _token);
            }
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _token = null;
                return null;
            }
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>An IMDSv2 token from <c>{prefix}/api/token</c>, where the prefix is the notice URL up to <c>meta-data/</c>; "" when none is handed out.</summary>
    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        var text = noticeUrl.ToString();
        var at = text.IndexOf("meta-data/", StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }
        using var request = new HttpRequestMessage(HttpMethod.Put, text[..at] + "api/token");
        request.Headers.Add(TokenTtlHeader, "21600");
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(cancellationToken)).Trim() : "";
    }
}
