using System.Text;
using ExperimentHub.Core.Specs.Nodes;
using ExperimentHub.Core.Specs.Reading;
using ExperimentHub.Core.Specs.SeedJobs;
using ExperimentHub.Core.Specs.Validation;
using ExperimentHub.Core.Specs.Writing;

namespace ExperimentHub.Core.Specs;

/// <summary>
/// Parses and validates sweep specs (ARCHITECTURE.md, "Sweep spec") written in YAML or JSON. An invalid spec is
/// refused whole, with every error, its path and (where known) its line and column. The JSON job of seed 000 is
/// recognised by its keys and translated (<see cref="SweepSpecParseResult.IsSeedJob"/>).
/// </summary>
public static class SweepSpecParser
{
    public static SweepSpecParseResult Parse(string text, SpecFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new SpecErrorList();
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > SpecLimits.MaxBytes)
        {
            errors.Add("", $"the spec is {size:N0} bytes; the limit is {SpecLimits.MaxBytes:N0}", null, null);
            return new SweepSpecParseResult { Source = text, Format = format, Errors = errors.Errors };
        }
        SpecNode? root = format == SpecFormat.Json ? JsonSpecReader.Read(text, errors) : YamlSpecReader.Read(text, errors);
        // Structural errors (bad syntax, a limit hit) leave no tree worth validating.
        var seedJob = SeedJobTranslator.IsSeedJob(root);
        var spec = root is null && errors.Count > 0 ? null
            : seedJob ? SeedJobTranslator.Translate((SpecMapping)root!, errors)
            : new SweepSpecValidator(errors).Validate(root);
        return new SweepSpecParseResult
        {
            Spec = errors.Count == 0 ? spec : null,
            Errors = errors.Errors,
            Source = text,
            Format = format,
            IsSeedJob = seedJob,
        };
    }

    public static SweepSpecParseResult ParseYaml(string text) => Parse(text, SpecFormat.Yaml);

    public static SweepSpecParseResult ParseJson(string text) => Parse(text, SpecFormat.Json);

    /// <summary>Parses with the format the text looks like: JSON when it starts with <c>{</c>, YAML otherwise.</summary>
    public static SweepSpecParseResult Parse(string text) => Parse(text, DetectFormat(text));

    public static SpecFormat DetectFormat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && first[0] == '{' ? SpecFormat.Json : SpecFormat.Yaml;
    }

    /// <summary>
    /// The format a request's content type names (<c>application/json</c>, <c>application/yaml</c>, <c>text/yaml</c>,
    /// <c>application/x-yaml</c>), or null when it names neither.
    /// </summary>
    public static SpecFormat? FormatFromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/json" or "text/json" => SpecFormat.Json,
            _ when media.EndsWith("+json", StringComparison.Ordinal) => SpecFormat.Json,
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => SpecFormat.Yaml,
            _ when media.EndsWith("+yaml", StringComparison.Ordinal) => SpecFormat.Yaml,
            _ => null,
        };
    }

    /// <summary>The spec as canonical YAML, every field written out; parsing it gives the same spec back.</summary>
    public static string ToYaml(SweepSpec spec) => SweepSpecYamlWriter.Write(spec);
}
