using System.Globalization;
using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Validation;

/// <summary>Typed reads of spec nodes; each failure adds an error naming the path and returns null.</summary>
internal sealed class FieldReader(SpecErrorList errors)
{
    public SpecErrorList Errors { get; } = errors;

    public void Error(string path, string message, SpecNode? at) => Errors.Add(path, message, at);

    public static bool IsAbsent(SpecNode? node) => node is null or SpecScalar { Kind: ScalarKind.Null };

    /// <summary>The value of <paramref name="key"/>, or null when missing or written as null.</summary>
    public static SpecNode? Get(SpecMapping mapping, string key) =>
        mapping.Find(key)?.Value is { } value && !IsAbsent(value) ? value : null;

    public SpecMapping? Mapping(SpecNode node, string path, string example)
    {
        if (node is SpecMapping mapping)
        {
            return mapping;
        }
        Error(path, $"must be a mapping such as {example}, not {node.Describe()}", node);
        return null;
    }

    public SpecSequence? Sequence(SpecNode node, string path, string example)
    {
        if (node is SpecSequence sequence)
        {
            return sequence;
        }
        Error(path, $"must be a list such as {example}, not {node.Describe()}", node);
        return null;
    }

    /// <summary>Refuses keys outside <paramref name="allowed"/>, suggesting the closest valid one.</summary>
    public void CheckKeys(SpecMapping mapping, string path, IReadOnlyCollection<string> allowed,
        Func<string, string?>? notApplicable = null)
    {
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Text;
            if (allowed.Contains(key))
            {
                continue;
            }
            var reason = notApplicable?.Invoke(key);
            Error(SpecPaths.Child(path, key), reason ?? $"unknown key '{key}'" + KeySuggestions.Hint(key, allowed), entry.Key);
        }
    }

    public string? Text(SpecNode node, string path, int maxLength = 1000)
    {
        if (node is not SpecScalar { Kind: ScalarKind.String } scalar)
        {
            Error(path, $"must be text, not {node.Describe()}", node);
            return null;
        }
        if (scalar.Text.Trim().Length == 0)
        {
            Error(path, "must not be empty", node);
            return null;
        }
        if (scalar.Text.Length > maxLength)
        {
            Error(path, $"is longer than {maxLength} characters", node);
            return null;
        }
        return scalar.Text;
    }

    public long? Integer(SpecNode node, string path, long min, long max)
    {
        if (node is not SpecScalar { Kind: ScalarKind.Integer } scalar)
        {
            var whole = node is SpecScalar { Kind: ScalarKind.Float } f && double.IsFinite(f.Number) ? " (write it without a fraction)" : "";
            Error(path, $"must be a whole number, not {node.Describe()}{whole}", node);
            return null;
        }
        if (scalar.Integer < min || scalar.Integer > max)
        {
            Error(path, RangeMessage(scalar.Integer, min, max), node);
            return null;
        }
        return scalar.Integer;
    }

    public int? Int32(SpecNode node, string path, int min, int max = int.MaxValue) =>
        Integer(node, path, min, max) is { } value ? (int)value : null;

    /// <summary>A finite number, at least <paramref name="min"/> (or above it when <paramref name="exclusive"/>) and at most <paramref name="max"/>.</summary>
    public double? Number(SpecNode node, string path, double min = double.NegativeInfinity, bool exclusive = false, double max = double.PositiveInfinity)
    {
        if (node is not SpecScalar { IsNumber: true } scalar)
        {
            Error(path, $"must be a number, not {node.Describe()}", node);
            return null;
        }
        if (!double.IsFinite(scalar.Number))
        {
            Error(path, "must be a finite number", node);
            return null;
        }
        if (scalar.Number < min || (exclusive && scalar.Number <= min))
        {
            Error(path, $"must be {(exclusive ? "greater than" : "at least")} {Format(min)}, not {Format(scalar.Number)}", node);
            return null;
        }
        if (scalar.Number > max)
        {
            Error(path, $"must be at most {Format(max)}, not {Format(scalar.Number)}", node);
            return null;
        }
        return scalar.Number;
    }

    public bool? Bool(SpecNode node, string path)
    {
        if (node is SpecScalar { Kind: ScalarKind.Bool } scalar)
        {
            return scalar.Flag;
        }
        Error(path, $"must be true or false, not {node.Describe()}", node);
        return null;
    }

    /// <summary>One of the names of <paramref name="choices"/>, suggesting the closest on a typo.</summary>
    public T? Choice<T>(SpecNode node, string path, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (node is SpecScalar { Kind: ScalarKind.String } scalar && choices.TryGetValue(scalar.Text, out var value))
        {
            return value;
        }
        var typed = node is SpecScalar s ? s.Text : "";
        var hint = KeySuggestions.Closest(typed, choices.Keys) is { } best ? $"; did you mean '{best}'?" : "";
        Error(path, $"must be one of {string.Join(", ", choices.Keys)}, not {node.Describe()}{hint}", node);
        return null;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string RangeMessage(long value, long min, long max) =>
        max == long.MaxValue || max == int.MaxValue
            ? $"must be at least {min.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}"
            : $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}";
}
