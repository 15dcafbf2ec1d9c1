using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Validation;

/// <summary>
/// Reads <c>parameters:</c> into parameter definitions: float (<c>min, max, log, step</c>), int (<c>min, max, log,
/// step</c>), categorical (<c>values</c>), each with an optional <c>when: {parent: value or [values]}</c>.
/// Conditions are checked once every parameter is known: the parent exists, can take the values, and no cycle forms.
/// </summary>
internal sealed partial class ParametersReader(FieldReader reader)
{
    // Integers stay exact in the unit-cube encoding (doubles) up to 2^53.
    private const long IntLimit = 1L << 53;

    private static readonly string[] FloatKeys = ["type", "min", "max", "log", "step", "when"];
    private static readonly string[] IntKeys = ["type", "min", "max", "log", "step", "when"];
    private static readonly string[] CategoricalKeys = ["type", "values", "when"];
    private static readonly string[] AllKeys = ["type", "min", "max", "log", "step", "values", "when"];

    private static readonly Dictionary<string, ParameterKind> Kinds = new(StringComparer.Ordinal)
    {
        ["float"] = ParameterKind.Float,
        ["int"] = ParameterKind.Int,
        ["categorical"] = ParameterKind.Categorical,
    };

    private readonly List<Read> _read = [];

    /// <summary>The definitions in document order, or null when any parameter is invalid.</summary>
    public IReadOnlyList<ParameterDefinition>? ReadAll(SpecNode node, string path)
    {
        var errorsBefore = reader.Errors.Count;
        if (reader.Mapping(node, path, "{lr: {type: float, min: 0.0001, max: 0.1, log: true}}") is not { } mapping)
        {
            return null;
        }
        if (mapping.Entries.Count == 0)
        {
            reader.Error(path, "at least one parameter is required", node);
            return null;
        }
        foreach (var entry in mapping.Entries)
        {
            ReadOne(entry, SpecPaths.Child(path, entry.Key.Text));
        }
        ResolveConditions();
        return reader.Errors.Count == errorsBefore ? _read.Select(r => r.Definition!).ToList() : null;
    }

    private void ReadOne(SpecEntry entry, string path)
    {
        var name = entry.Key.Text;
        var read = new Read(name, path, entry.Key);
        _read.Add(read);
        if (!ValidName().IsMatch(name))
        {
            reader.Error(path, $"the parameter name '{name}' must start with a letter or '_' and hold only letters, digits, '_', '-' and '.' (at most 100)", entry.Key);
        }
        else if (name == "args")
        {
            reader.Error(path, "'args' is reserved: ${args} in the command stands for every parameter", entry.Key);
        }
        if (reader.Mapping(entry.Value, path, "{type: float, min: 0, max: 1}") is not { } mapping)
        {
            return;
        }

        ParameterKind? kind;
        if (FieldReader.Get(mapping, "type") is { } typeNode)
        {
            kind = reader.Choice(typeNode, SpecPaths.Child(path, "type"), Kinds);
        }
        else if (FieldReader.Get(mapping, "values") is not null)
        {
            kind = ParameterKind.Categorical;
        }
        else
        {
            reader.Error(SpecPaths.Child(path, "type"), "is required: float, int or categorical (or give values: [...] for a categorical)", mapping);
            kind = null;
        }

        if (kind is not { } k)
        {
            reader.CheckKeys(mapping, path, AllKeys);
            return;
        }
        var allowed = k switch { ParameterKind.Float => FloatKeys, ParameterKind.Int => IntKeys, _ => CategoricalKeys };
        reader.CheckKeys(mapping, path, allowed,
            key => AllKeys.Contains(key) ? $"'{key}' does not apply to a {KindName(k)} parameter" : null);

        read.Definition = k switch
        {
            ParameterKind.Float => ReadFloat(name, mapping, path),
            ParameterKind.Int => ReadInt(name, mapping, path),
            _ => ReadCategorical(name, mapping, path),
        };
        read.When = FieldReader.Get(mapping, "when");
    }

    private ParameterDefinition? ReadFloat(string name, SpecMapping mapping, string path)
    {
        var min = Required(mapping, path, "min", (n, p) => reader.Number(n, p));
        var max = Required(mapping, path, "max", (n, p) => reader.Number(n, p));
        var log = Optional(mapping, path, "log", (n, p) => reader.Bool(n, p)) ?? false;
        var stepNode = FieldReader.Get(mapping, "step");
        var step = stepNode is null ? null : reader.Number(stepNode, SpecPaths.Child(path, "step"), 0, exclusive: true);
        if (min is not { } lo || max is not { } hi || !CheckRange(mapping, path, lo, hi, log))
        {
            return null;
        }
        if (step is { } s && stepNode is not null)
        {
            if (log)
            {
                reader.Error(SpecPaths.Child(path, "step"), "step cannot be combined with log: true", stepNode);
                return null;
            }
            if (s > hi - lo)
            {
                reader.Error(SpecPaths.Child(path, "step"), $"step {FieldReader.Format(s)} is larger than the range {FieldReader.Format(lo)}..{FieldReader.Format(hi)}", stepNode);
                return null;
            }
        }
        else if (stepNode is not null)
        {
            return null;
        }
        return ParameterDefinition.Float(name, lo, hi, log, step);
    }

    private ParameterDefinition? ReadInt(string name, SpecMapping mapping, string path)
    {
        var min = Required(mapping, path, "min", (n, p) => reader.Integer(n, p, -IntLimit, IntLimit));
        var max = Required(mapping, path, "max", (n, p) => reader.Integer(n, p, -IntLimit, IntLimit));
        var log = Optional(mapping, path, "log", (n, p) => reader.Bool(n, p)) ?? false;
        var stepNode = FieldReader.Get(mapping, "step");
        var step = stepNode is null ? 1 : reader.Integer(stepNode, SpecPaths.Child(path, "step"), 1, IntLimit);
        if (min is not { } lo || max is not { } hi || step is not { } s || !CheckRange(mapping, path, lo, hi, log))
        {
            return null;
        }
        if (log && s != 1)
        {
            reader.Error(SpecPaths.Child(path, "step"), "a log-scaled int has step 1", stepNode);
            return null;
        }
        if (s > hi - lo)
        {
            reader.Error(SpecPaths.Child(path, "step"), $"step {s.ToString(CultureInfo.InvariantCulture)} is larger than the range {lo.ToString(CultureInfo.InvariantCulture)}..{hi.ToString(CultureInfo.InvariantCulture)}", stepNode);
            return null;
        }
        return ParameterDefinition.Int(name, lo, hi, log, s);
    }

    private bool CheckRange(SpecMapping mapping, string path, double min, double max, bool log)
    {
        var ok = true;
        if (min >= max)
        {
            reader.Error(SpecPaths.Child(path, "min"), $"min ({FieldReader.Format(min)}) must be less than max ({FieldReader.Format(max)})", mapping.Find("min")!.Value);
            ok = false;
        }
        if (log && min <= 0)
        {
            reader.Error(SpecPaths.Child(path, "log"), $"a log scale needs min > 0, not {FieldReader.Format(min)}", mapping.Find("log")!.Value);
            ok = false;
        }
        return ok;
    }

    private ParameterDefinition? ReadCategorical(string name, SpecMapping mapping, string path)
    {
        var valuesPath = SpecPaths.Child(path, "values");
        if (FieldReader.Get(mapping, "values") is not { } node)
        {
            reader.Error(valuesPath, "is required for a categorical parameter: values: [a, b, c]", mapping);
            return null;
        }
        if (reader.Sequence(node, valuesPath, "[rbf, poly, linear]") is not { } sequence)
        {
            return null;
        }
        if (sequence.Items.Count == 0)
        {
            reader.Error(valuesPath, "must hold at least one value", sequence);
            return null;
        }
        var choices = new List<object>();
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = SpecPaths.Item(valuesPath, i);
            if (sequence.Items[i] is not SpecScalar { Kind: not ScalarKind.Null } scalar || !IsFiniteOrText(scalar))
            {
                reader.Error(itemPath, $"a choice must be text, a finite number or a boolean, not {sequence.Items[i].Describe()}", sequence.Items[i]);
                ok = false;
                continue;
            }
            var value = scalar.ToValue()!;
            var first = choices.FindIndex(c => ParameterValues.AreEqual(c, value));
            if (first >= 0)
            {
                reader.Error(itemPath, $"'{ParameterValues.Format(value)}' is listed twice (also values[{first}])", scalar);
                ok = false;
            }
            choices.Add(value);
        }
        return ok ? ParameterDefinition.Categorical(name, [.. choices]) : null;
    }

    private static bool IsFiniteOrText(SpecScalar scalar) => !scalar.IsNumber || double.IsFinite(scalar.Number);

    private void ResolveConditions()
    {
        foreach (var read in _read.Where(r => r is { When: not null, Definition: not null }))
        {
            read.Definition = ResolveCondition(read);
        }
        ReportCycles();
    }

    private ParameterDefinition? ResolveCondition(Read read)
    {
        var path = SpecPaths.Child(read.Path, "when");
        if (reader.Mapping(read.When!, path, "{kernel: poly} or {kernel: [poly, rbf]}") is not { } when)
        {
            return null;
        }
        if (when.Entries.Count != 1)
        {
            reader.Error(path, "must name exactly one parent parameter, such as {kernel: poly}", when);
            return null;
        }
        var entry = when.Entries[0];
        var parentName = entry.Key.Text;
        var parentPath = SpecPaths.Child(path, parentName);
        var parent = _read.Find(r => r.Name == parentName);
        if (parent is null)
        {
            var names = _read.Select(r => r.Name).Where(n => n != read.Name).ToList();
            reader.Error(parentPath, $"names the unknown parameter '{parentName}'" + KeySuggestions.Hint(parentName, names, "parameters"), entry.Key);
            return null;
        }
        if (parent.Definition is not { } parentDefinition)
        {
            return null; // The parent's own errors are reported already.
        }
        if (parentDefinition is { Kind: ParameterKind.Float, Step: null })
        {
            reader.Error(parentPath, $"'{parentName}' is a continuous float; a condition needs a categorical, int or stepped float parent", entry.Key);
            return null;
        }

        var items = entry.Value is SpecSequence sequence ? sequence.Items : [entry.Value];
        if (items.Count == 0)
        {
            reader.Error(parentPath, "must list at least one value", entry.Value);
            return null;
        }
        var values = new List<object>();
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = entry.Value is SpecSequence ? SpecPaths.Item(parentPath, i) : parentPath;
            var value = (items[i] as SpecScalar)?.ToValue();
            if (!parentDefinition.Accepts(value))
            {
                reader.Error(itemPath, $"{items[i].Describe()} is not a value '{parentName}' can take ({Describe(parentDefinition)})", items[i]);
                return null;
            }
            values.Add(value!);
        }
        return read.Definition! with { When = new ParameterCondition(parentName, values) };
    }

    private void ReportCycles()
    {
        var parentOf = _read.Where(r => r.Definition?.When is not null)
            .ToDictionary(r => r.Name, r => r.Definition!.When!.Parent, StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var read in _read.Where(r => parentOf.ContainsKey(r.Name)))
        {
            var chain = new List<string> { read.Name };
            var current = read.Name;
            while (parentOf.TryGetValue(current, out var parent) && !reported.Contains(parent))
            {
                if (parent == read.Name)
                {
                    chain.Add(parent);
                    reader.Error(SpecPaths.Child(read.Path, "when"), "the conditions form a cycle: " + string.Join(" -> ", chain), read.When);
                    reported.UnionWith(chain);
                    read.Definition = null;
                    break;
                }
                if (chain.Contains(parent))
                {
                    break; // A cycle further up, reported from one of its own members.
                }
                chain.Add(parent);
                current = parent;
            }
        }
    }

    private static string Describe(ParameterDefinition p) => p.Kind switch
    {
        ParameterKind.Categorical => "choices: " + string.Join(", ", p.Choices.Select(ParameterValues.Format)),
        ParameterKind.Int => $"whole numbers {FieldReader.Format(p.Min)}..{FieldReader.Format(p.Max)} in steps of {FieldReader.Format(p.Step ?? 1)}",
        _ => $"{FieldReader.Format(p.Min)}..{FieldReader.Format(p.Max)} in steps of {FieldReader.Format(p.Step ?? 0)}",
    };

    private static string KindName(ParameterKind kind) => kind switch
    {
        ParameterKind.Float => "float",
        ParameterKind.Int => "int",
        _ => "categorical",
    };

    private T? Required<T>(SpecMapping mapping, string path, string key, Func<SpecNode, string, T?> read)
        where T : struct
    {
        if (FieldReader.Get(mapping, key) is { } node)
        {
            return read(node, SpecPaths.Child(path, key));
        }
        reader.Error(SpecPaths.Child(path, key), "is required", mapping);
        return null;
    }

    private static T? Optional<T>(SpecMapping mapping, string path, string key, Func<SpecNode, string, T?> read)
        where T : struct =>
        FieldReader.Get(mapping, key) is { } node ? read(node, SpecPaths.Child(path, key)) : null;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]{0,99}$")]
    private static partial Regex ValidName();

    /// <summary>One parameter as read so far; <see cref="Definition"/> is null once it is known to be invalid.</summary>
    private sealed class Read(string name, string path, SpecNode at)
    {
        public string Name { get; } = name;

        public string Path { get; } = path;

        public SpecNode At { get; } = at;

        public ParameterDefinition? Definition { get; set; }

        public SpecNode? When { get; set; }
    }
}
