using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Api;

/// <summary><c>ExperimentHub:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "ExperimentHub:Api";

    /// <summary>The most points one metrics batch may hold.</summary>
    [Range(1, 1_000_000, ErrorMessage = "ExperimentHub:Api:MaxBatchPoints must be between 1 and 1000000")]
    public int MaxBatchPoints { get; set; } = 10_000;

    /// <summary>The largest request body, artifact uploads excepted (they stream without limit).</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "ExperimentHub:Api:MaxBodyBytes must be at least 1024")]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most points a series call returns (maxPoints is capped to it).</summary>
    [Range(2, 10_000_000, ErrorMessage = "ExperimentHub:Api:MaxSeriesPoints must be between 2 and 10000000")]
    public int MaxSeriesPoints { get; set; } = 100_000;

    /// <summary>maxPoints when a series call gives none.</summary>
    [Range(2, 10_000_000, ErrorMessage = "ExperimentHub:Api:DefaultSeriesPoints must be between 2 and 10000000")]
    public int DefaultSeriesPoints { get; set; } = 5_000;
}
