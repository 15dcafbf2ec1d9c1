using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The editors' live validation: Core's spec parser, the one owner of a spec's rules (an empty spec included), every
/// error with its path and line, as the submit through the sweep service will find them.
/// </summary>
internal sealed class SpecParserChecker : ISweepSpecChecker
{
    public IReadOnlyList<SpecIssue> Check(string specYaml)
    {
        var result = SweepSpecParser.Parse(specYaml ?? "", SpecFormat.Yaml);
        return result.Errors.Select(e => new SpecIssue(e.Path, e.Line, e.Column, e.Message)).ToList();
    }
}
