using ExperimentHub.Core.Specs.Reading;
using ExperimentHub.Core.Specs.Validation;
using ExperimentHub.Core.Specs.Writing;

namespace ExperimentHub.Core.Specs;

/// <summary>
/// Parses a notification list on its own, in the format of a spec's <c>notify</c> field (YAML, or JSON, which YAML reads), for the
/// project-wide defaults set in the dashboard. Errors are named as <c>notify[0].on[1]</c>, as in a spec.
/// </summary>
public static class NotifyListParser
{
    public static NotifyListParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new SpecErrorList();
        if (text.Trim().Length == 0)
        {
            return new NotifyListParseResult([], []);
        }
        // YAML reads JSON's arrays and objects too.
        var root = YamlSpecReader.Read(text, errors);
        var targets = root is null && errors.Count > 0 ? null : new NotifyReader(new FieldReader(errors)).Read(root, "notify");
        return errors.Count == 0 ? new NotifyListParseResult(targets ?? [], []) : new NotifyListParseResult([], errors.Errors);
    }

    /// <summary>The list as YAML that <see cref="Parse"/> reads back to the same targets.</summary>
    public static string ToYaml(IReadOnlyList<NotifyTarget> targets) => NotifyYaml.WriteList(targets, "");
}
