using System.Globalization;
using System.Text;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>The common case of a sweep spec as a form; <see cref="ToYaml"/> writes the spec the parser validates.</summary>
public sealed class SweepForm
{
    public string Name { get; set; } = "my-sweep";

    /// <summary>The command line; split on spaces (quote an argument with spaces in it). Empty: an ask/tell sweep.</summary>
    public string Command { get; set; } = "python3 train.py ${args}";

    /// <summary>
    /// Where the trials run, relative to the agent's folder (the server's launch folder for its local agent). The
    /// repository's synthetic example, so that the form as it opens launches a sweep that runs.
    /// </summary>
    public string? Workdir { get; set; } = "examples/synthetic";

    public string Method { get; set; } = "tpe";

    public List<ObjectiveField> Objectives { get; } = [new() { Metric = "val_loss", Goal = "minimize" }];

    public List<ParameterField> Parameters { get; } =
    [
        new() { Name = "lr", Type = "float", Min = 0.0001, Max = 0.1, Log = true },
        new() { Name = "layers", Type = "int", Min = 1, Max = 8 },
    ];

    /// <summary>The bayes method's acquisition (ei, pi, ucb, thompson); empty for its default.</summary>
    public string Acquisition { get; set; } = "";

    /// <summary>EI's and PI's margin of improvement.</summary>
    public double? Xi { get; set; }

    /// <summary>UCB's weight of the uncertainty.</summary>
    public double? Kappa { get; set; }

    /// <summary>Whether the acquisition options apply: the method is bayes.</summary>
    public bool UsesAcquisition => Method == "bayes";

    public int? Trials { get; set; } = 30;

    public int Parallel { get; set; } = 2;

    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.Append("name: ").AppendLine(Quote(Name));
        if (!string.IsNullOrWhiteSpace(Command))
        {
            yaml.Append("command: [").AppendJoin(", ", SplitCommand(Command).Select(Quote)).AppendLine("]");
        }
        // Without a command the sweep is driven by ask/tell: nothing runs in a working folder.
        if (!string.IsNullOrWhiteSpace(Command) && !string.IsNullOrWhiteSpace(Workdir))
        {
            yaml.Append("workdir: ").AppendLine(Quote(Workdir.Trim()));
        }
        yaml.Append("method: ").AppendLine(Method);
        if (UsesAcquisition && Acquisition.Length > 0)
        {
            yaml.Append("acquisition: {type: ").Append(Acquisition);
            if (Acquisition is "ei" or "pi" && Xi is { } xi)
            {
                yaml.Append(", xi: ").Append(Number(xi));
            }
            if (Acquisition == "ucb" && Kappa is { } kappa)
            {
                yaml.Append(", kappa: ").Append(Number(kappa));
            }
            yaml.AppendLine("}");
        }
        yaml.AppendLine("objectives:");
        foreach (var objective in Objectives)
        {
            yaml.Append("  - {metric: ").Append(Quote(objective.Metric)).Append(", goal: ").Append(objective.Goal).AppendLine("}");
        }
        yaml.AppendLine("parameters:");
        foreach (var p in Parameters)
        {
            yaml.Append("  ").Append(Quote(p.Name)).Append(": {");
            if (p.Type == "categorical")
            {
                yaml.Append("values: [").AppendJoin(", ", p.ChoiceList().Select(ChoiceLiteral)).Append(']');
            }
            else
            {
                yaml.Append("type: ").Append(p.Type)
                    .Append(", min: ").Append(Number(p.Min))
                    .Append(", max: ").Append(Number(p.Max));
                if (p.Log)
                {
                    yaml.Append(", log: true");
                }
            }
            yaml.AppendLine("}");
        }
        yaml.Append("budget: {");
        if (Trials is { } trials)
        {
            yaml.Append("trials: ").Append(trials.ToString(CultureInfo.InvariantCulture)).Append(", ");
        }
        yaml.Append("parallel: ").Append(Parallel.ToString(CultureInfo.InvariantCulture)).AppendLine("}");
        return yaml.ToString();
    }

    internal static IReadOnlyList<string> SplitCommand(string command)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        foreach (var c in command)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }

    /// <summary>A YAML double-quoted scalar: always a string, whatever it looks like.</summary>
    internal static string Quote(string? text)
    {
        var s = new StringBuilder("\"");
        foreach (var c in text ?? "")
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return s.Append('"').ToString();
    }

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    /// <summary>Numbers and booleans stay typed; anything else is a quoted string.</summary>
    private static string ChoiceLiteral(string choice) =>
        double.TryParse(choice, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || choice is "true" or "false"
            ? choice
            : Quote(choice);
}
