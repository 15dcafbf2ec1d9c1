using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ExperimentHub.Agent.Trials;

/// <summary>
/// Fills a trial's command: an argument that is exactly <c>${args}</c> becomes <c>--name=value</c> for every
/// active parameter, and <c>${name}</c> anywhere in an argument becomes that parameter's value. No shell ever
/// sees the result, so values need no quoting.
/// </summary>
public static partial class CommandTemplate
{
    public const string ArgsPlaceholder = "${args}";

    /// <exception cref="TrialSetupException">The command is empty or names a parameter the trial lacks.</exception>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> command, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(parameters);
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
        {
            throw new TrialSetupException("The trial's command is empty: it needs at least a program to run.");
        }
        var expanded = new List<string>(command.Count + parameters.Count);
        foreach (var argument in command)
        {
            if (argument == ArgsPlaceholder)
            {
                expanded.AddRange(parameters
                    .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                    .Select(p => $"--{p.Key}={Format(p.Value)}"));
                continue;
            }
            if (argument.Contains(ArgsPlaceholder, StringComparison.Ordinal))
            {
                throw new TrialSetupException($"The command argument '{argument}' contains {ArgsPlaceholder}, which must be an argument of its own.");
            }
            expanded.Add(Placeholder().Replace(argument, match =>
            {
                var name = match.Groups[1].Value;
                return parameters.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                    ? Format(value)
                    : throw new TrialSetupException($"The command argument '{argument}' names ${{{name}}}, which is not an active parameter of this trial (it has: {string.Join(", ", parameters.Keys)}).");
            }));
        }
        return expanded;
    }

    /// <summary>A parameter's value as text: strings as they are, numbers and booleans as JSON writes them.</summary>
    public static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => FormatNumber(value),
        _ => value.GetRawText(),
    };

    /// <summary>The parameters as one compact JSON object (EXPERIMENTHUB_PARAMS and the params file).</summary>
    public static string ToJson(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FormatNumber(JsonElement value)
    {
        // Keep integers integral and floats round-trippable; the raw text may carry an exponent like 1E-05.
        if (value.TryGetInt64(out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }
        return value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
