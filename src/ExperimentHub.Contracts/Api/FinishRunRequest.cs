using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Api;

/// <summary>
/// <see cref="Status"/>: completed, failed, stopped, pruned or timed_out. <see cref="Error"/>: why the run failed in
/// words (an exception and the end of its traceback), at most <see cref="MaxErrorLength"/> characters; clients keep
/// the end of a longer one, where the cause is.
/// </summary>
/// <remarks>A request: a field this server does not know is refused rather than ignored.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FinishRunRequest(
    string Status,
    IReadOnlyDictionary<string, double>? Summary = null,
    // Left out when absent: a server from before this field refuses any field it does not know, null included.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const int MaxErrorLength = 8 * 1024;

    /// <summary>The end of <paramref name="error"/> that fits <see cref="MaxErrorLength"/>, marked as cut when it was.</summary>
    public static string KeepEndOfError(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        const string Cut = "…\n";
        return error.Length <= MaxErrorLength ? error : Cut + error[^(MaxErrorLength - Cut.Length)..];
    }
}
