using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>Live validation for the sweep editors: the spec parser's errors with their paths and lines.</summary>
public interface ISweepSpecChecker
{
    IReadOnlyList<SpecIssue> Check(string specYaml);
}
