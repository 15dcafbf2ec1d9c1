using Microsoft.AspNetCore.Http.Features;

namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>
/// Says a raw test request has a body. The test server's context builder says it has none, and minimal APIs then
/// refuse every JSON body as missing before reading it, so the suite's bodies would never reach a handler.
/// </summary>
internal sealed class RequestBodyPresent : IHttpRequestBodyDetectionFeature
{
    public bool CanHaveBody => true;
}
