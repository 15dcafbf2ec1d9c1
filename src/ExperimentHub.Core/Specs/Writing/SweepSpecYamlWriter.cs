using System.Globalization;
using System.Text;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Specs.Writing;

/// <summary>
/// Writes a spec as canonical YAML in flow style per field, strings always double-quoted (JSON escaping is valid
/// YAML), floats with a fraction or exponent so they read back as floats.
/// </summary>
internal static class SweepSpecYamlWriter
{
    public static string Write(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sb = new StringBuilder();
        sb.Append("name: ").Append(Quote(spec.Name)).Append('\n');
        if (!spec.IsAskTell)
        {
            sb.Append("command: [").AppendJoin(", ", spec.Command.Select(Quote)).Append("]\n");
        }
        if (spec.Workdir is not null)
        {
            sb.Append("workdir: ").Append(Quote(spec.Workdir)).Append('\n');
        }
        sb.Append("method: ").Append(spec.Method.ToString().ToLowerInvariant()).Append('\n');
        sb.Append("objectives:\n");
        foreach (var o in spec.Objectives)
        {
            sb.Append("  - {metric: ").Append(Quote(o.Metric)).Append(", goal: ").Append(GoalName(o.Goal)).Append("}\n");
        }
        if (spec.Constraints.Count > 0)
        {
            sb.Append("constraints:\n");
            foreach (var c in spec.Constraints)
            {
                sb.Append("  - {metric: ").Append(Quote(c.Metric));
                if (c.Min is { } min)
                {
                    sb.Append(", min: ").Append(Float(min));
                }
                if (c.Max is { } max)
                {
                    sb.Append(", max: ").Append(Float(max));
                }
                sb.Append("}\n");
            }
        }
        sb.Append("parameters:\n");
        foreach (var p in spec.Space.Parameters)
        {
            sb.Append("  ").Append(Quote(p.Name)).Append(": ").Append(Parameter(p)).Append('\n');
        }
        var b = spec.Budget;
        sb.Append("budget: {");
        if (b.Trials is { } trials)
        {
            sb.Append("trials: ").Append(Int(trials)).Append(", ");
        }
        sb.Append("parallel: ").Append(Int(b.Parallel));
        if (b.Minutes is { } minutes)
        {
            sb.Append(", minutes: ").Append(Float(minutes));
        }
        sb.Append(", max_consecutive_failures: ").Append(Int(b.MaxConsecutiveFailures));
        if (b.Dollars is { } dollars)
        {
            sb.Append(", dollars: ").Append(Float(dollars));
        }
        sb.Append("}\n");
        if (spec.EarlyStopping is { } e)
        {
            sb.Append("early_stopping: {type: ").Append(e.Type.ToString().ToLowerInvariant())
              .Append(", metric: ").Append(Quote(e.Metric)).Append(", goal: ").Append(GoalName(e.Goal))
              .Append(", min_steps: ").Append(Int(e.MinSteps));
            if (e.Type == EarlyStoppingType.Asha)
            {
                sb.Append(", reduction_factor: ").Append(Int(e.ReductionFactor));
                if (e.MaxSteps is { } maxSteps)
                {
                    sb.Append(", max_steps: ").Append(Int(maxSteps));
                }
            }
            sb.Append(", min_trials: ").Append(Int(e.MinTrials)).Append("}\n");
        }
        var t = spec.Trial;
        sb.Append("trial: {");
        if (t.TimeoutMinutes is { } timeout)
        {
            sb.Append("timeout_minutes: ").Append(Float(timeout)).Append(", ");
        }
        sb.Append("retries: ").Append(Int(t.Retries)).Append(", gpus: ").Append(Int(t.Gpus)).Append("}\n");
        if (spec.WarmStartSweeps.Count > 0)
        {
            sb.Append("warm_start: {sweeps: [").AppendJoin(", ", spec.WarmStartSweeps.Select(Int)).Append("]}\n");
        }
        else if (spec.AutoWarmStart is { } scope)
        {
            sb.Append("warm_start: {sweeps: auto, scope: ").Append(scope == WarmStartScope.All ? "all" : "project").Append("}\n");
        }
        if (spec.Dataset is not null)
        {
            sb.Append("dataset: ").Append(Quote(spec.Dataset)).Append('\n');
        }
        if (spec.Acquisition is { } a)
        {
            sb.Append("acquisition: {type: ").Append(a.Name);
            switch (a.Function)
            {
                case Acquisition.ExpectedImprovement or Acquisition.ProbabilityOfImprovement:
                    sb.Append(", xi: ").Append(Float(a.Xi));
                    break;
                case Acquisition.UpperConfidenceBound:
                    sb.Append(", kappa: ").Append(Float(a.Kappa));
                    break;
            }
            sb.Append("}\n");
        }
        AppendResources(sb, spec.Resources);
        if (spec.Notify.Count > 0)
        {
            sb.Append("notify:\n").Append(NotifyYaml.WriteList(spec.Notify, "  "));
        }
        sb.Append("seed: ").Append(Int(spec.Seed)).Append('\n');
        WriteComputeSections(sb, spec);
        return sb.ToString();
    }

    private static void WriteComputeSections(StringBuilder sb, SweepSpec spec)
    {
        if (spec.Code is { } code)
        {
            sb.Append("code: {repo: ").Append(Quote(code.Repo));
            if (code.Ref is not null)
            {
                sb.Append(", ref: ").Append(Quote(code.Ref));
            }
            if (code.Dir is not null)
            {
                sb.Append(", dir: ").Append(Quote(code.Dir));
            }
            if (code.Install.Count > 0)
            {
                sb.Append(", install: [").AppendJoin(", ", code.Install.Select(Quote)).Append(']');
            }
            sb.Append("}\n");
        }
        if (spec.Artifacts is { } artifacts)
        {
            sb.Append("artifacts: {model_dir: ").Append(Quote(artifacts.ModelDir)).Append(", clean: ").Append(artifacts.Clean ? "true" : "false").Append("}\n");
        }
    }

    private static void AppendResources(StringBuilder sb, ResourcesSpec r)
    {
        if (r == ResourcesSpec.Default)
        {
            return;
        }
        sb.Append("resources: {backend: ").Append(r.Backend.ToString().ToLowerInvariant())
          .Append(", instances: ").Append(Int(r.Instances)).Append(", slots: ").Append(Int(r.SlotsPerInstance));
        if (r.InstanceType is { } type)
        {
            sb.Append(", instance_type: ").Append(Quote(type));
        }
        if (r.Spot)
        {
            sb.Append(", spot: true");
        }
        if (r.MaxPrice is { } price)
        {
            sb.Append(", max_price: ").Append(Float(price));
        }
        if (r.Partition is { } partition)
        {
            sb.Append(", partition: ").Append(Quote(partition));
        }
        if (r.TimeLimitMinutes is { } limit)
        {
            sb.Append(", time_limit: ").Append(Int(limit));
        }
        if (r.Gpus > 0)
        {
            sb.Append(", gpus: ").Append(Int(r.Gpus));
        }
        sb.Append("}\n");
    }

    private static string Parameter(ParameterDefinition p)
    {
        var sb = new StringBuilder("{");
        switch (p.Kind)
        {
            case ParameterKind.Float:
                sb.Append("type: float, min: ").Append(Float(p.Min)).Append(", max: ").Append(Float(p.Max));
                if (p.Log)
                {
                    sb.Append(", log: true");
                }
                if (p.Step is { } step)
                {
                    sb.Append(", step: ").Append(Float(step));
                }
                break;
            case ParameterKind.Int:
                sb.Append("type: int, min: ").Append(Int((long)p.Min)).Append(", max: ").Append(Int((long)p.Max));
                if (p.Log)
                {
                    sb.Append(", log: true");
                }
                if (p.Step is { } intStep && intStep != 1)
                {
                    sb.Append(", step: ").Append(Int((long)intStep));
                }
                break;
            default:
                sb.Append("type: categorical, values: [").AppendJoin(", ", p.Choices.Select(Value)).Append(']');
                break;
        }
        if (p.When is { } when)
        {
            sb.Append(", when: {").Append(Quote(when.Parent)).Append(": [").AppendJoin(", ", when.Values.Select(Value)).Append("]}");
        }
        return sb.Append('}').ToString();
    }

    private static string Value(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        double d => Float(d),
        float f => Float(f),
        _ => ParameterValues.Format(value),
    };

    private static string GoalName(Goal goal) => goal == Goal.Maximize ? "maximize" : "minimize";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Round-trip digits, and ".0" on whole numbers so YAML reads them back as floats.</summary>
    private static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A double-quoted YAML string; the escapes used are common to YAML and JSON.</summary>
    internal static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
