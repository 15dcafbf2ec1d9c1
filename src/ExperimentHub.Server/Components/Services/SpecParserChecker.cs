using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>The editors' live validation: Core's spec parser, every error with its path and line.</summary>
internal sealed class SpecParserChecker : ISweepSpecChecker
{
    public IReadOnlyList<SpecIssue> Check(string specYaml)
    {
        if (string.IsNullOrWhiteSpace(specYaml))
        {
            return [new SpecIssue("", 1, 1, "The spec is empty.")];
        }
        var result = SweepSpecParser.Parse(specYaml, SpecFormat.Yaml);
        return result.Errors.Select(e => new SpecIssue(e.Path, e.Line, e.Column, e.Message)).ToList();
    }
}
