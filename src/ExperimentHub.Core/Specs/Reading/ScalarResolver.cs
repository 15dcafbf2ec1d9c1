using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Reading;

/// <summary>
/// Gives a YAML scalar its type by YAML 1.2's core schema: plain <c>42</c> is an integer, <c>1e-3</c> a float,
/// <c>true</c> a boolean, <c>~</c> null; quoted text is always a string. (YAML 1.1's <c>yes</c>/<c>no</c> stay text,
/// so a choice named <c>no</c> is not silently a boolean.)
/// </summary>
internal static partial class ScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>The typed scalar, or null with <paramref name="error"/> set when an explicit tag does not fit.</summary>
    public static SpecScalar? Resolve(string text, bool plain, string? tag, int line, int column, out string? error)
    {
        error = null;
        if (!string.IsNullOrEmpty(tag) && tag != "!")
        {
            return ResolveTagged(text, tag, line, column, out error);
        }
        if (!plain)
        {
            return new SpecScalar(line, column, text, ScalarKind.String);
        }
        return ResolvePlain(text, line, column) ?? new SpecScalar(line, column, text, ScalarKind.String);
    }

    private static SpecScalar? ResolveTagged(string text, string tag, int line, int column, out string? error)
    {
        error = null;
        var name = tag.StartsWith(TagPrefix, StringComparison.Ordinal) ? tag[TagPrefix.Length..] : tag;
        if (name == "str")
        {
            return new SpecScalar(line, column, text, ScalarKind.String);
        }
        var resolved = ResolvePlain(text, line, column);
        var expected = name switch
        {
            "int" => ScalarKind.Integer,
            "float" => ScalarKind.Float,
            "bool" => ScalarKind.Bool,
            "null" => ScalarKind.Null,
            _ => (ScalarKind?)null,
        };
        if (expected is null)
        {
            error = $"the tag '{tag}' is not supported; use plain values or !!str, !!int, !!float, !!bool";
            return null;
        }
        if (expected == ScalarKind.Float && resolved is { Kind: ScalarKind.Integer })
        {
            return new SpecScalar(line, column, text, ScalarKind.Float, number: resolved.Number);
        }
        if (resolved is null || resolved.Kind != expected)
        {
            error = $"'{text}' is not a valid !!{name}";
            return null;
        }
        return resolved;
    }

    private static SpecScalar? ResolvePlain(string text, int line, int column)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new SpecScalar(line, column, text, ScalarKind.Null);
            case "true" or "True" or "TRUE":
                return new SpecScalar(line, column, text, ScalarKind.Bool, flag: true);
            case "false" or "False" or "FALSE":
                return new SpecScalar(line, column, text, ScalarKind.Bool, flag: false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new SpecScalar(line, column, text, ScalarKind.Float, number: double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new SpecScalar(line, column, text, ScalarKind.Float, number: double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return new SpecScalar(line, column, text, ScalarKind.Float, number: double.NaN);
        }
        if (DecimalInteger().IsMatch(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? new SpecScalar(line, column, text, ScalarKind.Integer, integer: l)
                : new SpecScalar(line, column, text, ScalarKind.Float, number: double.Parse(text, CultureInfo.InvariantCulture));
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2 &&
            long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0)
        {
            return new SpecScalar(line, column, text, ScalarKind.Integer, integer: hex);
        }
        if (OctalInteger().IsMatch(text))
        {
            try
            {
                return new SpecScalar(line, column, text, ScalarKind.Integer, integer: Convert.ToInt64(text[2..], 8));
            }
            catch (OverflowException)
            {
                return null;
            }
        }
        if (FloatNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new SpecScalar(line, column, text, ScalarKind.Float, number: d);
        }
        return null;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatNumber();
}
