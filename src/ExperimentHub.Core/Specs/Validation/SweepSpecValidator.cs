using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs.Nodes;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Specs.Validation;

/// <summary>
/// Turns a parsed document into a <see cref="SweepSpec"/>, checking the whole format of ARCHITECTURE.md
/// ("Sweep spec") and collecting every error rather than stopping at the first.
/// </summary>
internal sealed partial class SweepSpecValidator(SpecErrorList errors)
{
    private const string GoalExample = "{metric: accuracy, goal: maximize}";

    private static readonly string[] RootKeys =
    [
        "name", "command", "workdir", "method", "objectives", "metric", "constraints", "parameters", "budget",
        "early_stopping", "trial", "warm_start", "seed", "acquisition", "code", "artifacts", "resources", "dataset", "notify",
    ];

    private static readonly string[] ObjectiveKeys = ["metric", "goal"];
    private static readonly string[] MetricShorthandKeys = ["name", "goal"];
    private static readonly string[] ConstraintKeys = ["metric", "min", "max"];
    private static readonly string[] BudgetKeys = ["trials", "parallel", "minutes", "max_consecutive_failures", "dollars"];
    private static readonly string[] EarlyStoppingKeys = ["type", "metric", "goal", "min_steps", "reduction_factor", "max_steps", "min_trials"];
    private static readonly string[] AshaOnlyKeys = ["reduction_factor", "max_steps"];
    private static readonly string[] TrialKeys = ["timeout_minutes", "retries", "gpus"];
    private static readonly string[] WarmStartKeys = ["sweeps", "scope"];
    private static readonly string[] AcquisitionKeys = ["type", "xi", "kappa"];

    private static readonly Dictionary<string, SearchMethod> Methods = new(StringComparer.Ordinal)
    {
        ["grid"] = SearchMethod.Grid,
        ["random"] = SearchMethod.Random,
        ["bayes"] = SearchMethod.Bayes,
        ["tpe"] = SearchMethod.Tpe,
        ["cmaes"] = SearchMethod.Cmaes,
    };

    private static readonly Dictionary<string, WarmStartScope> Scopes = new(StringComparer.Ordinal)
    {
        ["project"] = WarmStartScope.Project,
        ["all"] = WarmStartScope.All,
    };

    private static readonly Dictionary<string, Goal> Goals = new(StringComparer.Ordinal)
    {
        ["minimize"] = Goal.Minimize,
        ["maximize"] = Goal.Maximize,
    };

    private static readonly Dictionary<string, EarlyStoppingType> StoppingTypes = new(StringComparer.Ordinal)
    {
        ["median"] = EarlyStoppingType.Median,
        ["asha"] = EarlyStoppingType.Asha,
    };

    private readonly FieldReader _reader = new(errors);

    public SweepSpec? Validate(SpecNode? root)
    {
        if (root is null || FieldReader.IsAbsent(root))
        {
            if (errors.Count == 0)
            {
                errors.Add("", "the spec is empty", 1, 1);
            }
            return null;
        }
        if (_reader.Mapping(root, "", "name: ..., command: [...], parameters: {...}") is not { } doc)
        {
            return null;
        }
        _reader.CheckKeys(doc, "", RootKeys);

        var name = RequiredField(doc, "name", (n, p) => _reader.Text(n, p, 200));
        var workdir = FieldReader.Get(doc, "workdir") is { } w ? _reader.Text(w, "workdir") : null;
        var method = FieldReader.Get(doc, "method") is { } m ? _reader.Choice(m, "method", Methods) : SearchMethod.Tpe;
        var objectives = ReadObjectives(doc);
        var constraints = ReadConstraints(doc);
        var parameters = FieldReader.Get(doc, "parameters") is { } p
            ? new ParametersReader(_reader).ReadAll(p, "parameters")
            : MissingParameters(doc);
        var command = ReadCommand(doc, parameters);
        if (command is { Count: 0 } && FieldReader.Get(doc, "workdir") is { } workdirNode)
        {
            _reader.Error("workdir", "only a sweep with a command runs in a working folder; without a command the sweep is driven by ask/tell", workdirNode);
        }
        var dataset = FieldReader.Get(doc, "dataset") is { } d ? _reader.Text(d, "dataset", 500) : null;
        if (method == SearchMethod.Grid && parameters is not null)
        {
            CheckGrid(doc, parameters);
        }
        if (method == SearchMethod.Cmaes && objectives is { Count: > 1 })
        {
            _reader.Error("method", "cmaes optimizes one objective; for several, use tpe or bayes", FieldReader.Get(doc, "method"));
        }
        var acquisition = ReadAcquisition(doc, method);
        var budget = ReadBudget(doc, method);
        var stopping = ReadEarlyStopping(doc, objectives);
        var trial = ReadTrial(doc);
        var (warmStart, autoWarmStart) = ReadWarmStart(doc);
        var seed = FieldReader.Get(doc, "seed") is { } s ? _reader.Int32(s, "seed", int.MinValue) : 0;
        var (code, artifacts) = ReadComputeSections(doc);

        var resources = new ResourcesReader(_reader).Read(doc);
        if (budget?.Dollars is not null && resources is { Backend: not ComputeBackend.Ec2 })
        {
            _reader.Error("budget.dollars", "applies only to resources.backend ec2 (the cost of the sweep's own instances)",
                FieldReader.Get((SpecMapping)FieldReader.Get(doc, "budget")!, "dollars"));
        }
        var notify = new NotifyReader(_reader).Read(FieldReader.Get(doc, "notify"), "notify");

        if (errors.Count > 0)
        {
            return null;
        }
        return new SweepSpec
        {
            Name = name!,
            Command = command!,
            Workdir = workdir,
            Method = method!.Value,
            Objectives = objectives!,
            Constraints = constraints!,
            Space = new SearchSpace(parameters!),
            Budget = budget!,
            EarlyStopping = stopping,
            Trial = trial!,
            WarmStartSweeps = warmStart!,
            AutoWarmStart = autoWarmStart,
            Dataset = dataset,
            Seed = seed!.Value,
            Acquisition = acquisition,
            Code = code,
            Artifacts = artifacts,
            Resources = resources!,
            Notify = notify!,
        };
    }

    private (CodeSpec? Code, ArtifactsSpec? Artifacts) ReadComputeSections(SpecMapping doc)
    {
        var sections = new ComputeSectionsReader(_reader);
        var code = FieldReader.Get(doc, "code") is { } c ? sections.ReadCode(c) : null;
        if (FieldReader.Get(doc, "code") is not null && FieldReader.Get(doc, "workdir") is { } workdirNode)
        {
            _reader.Error("workdir", "give code.dir instead: with code, trials run in a folder of the checkout", workdirNode);
        }
        var artifacts = FieldReader.Get(doc, "artifacts") is { } a ? sections.ReadArtifacts(a) : null;
        return (code, artifacts);
    }

    private List<ParameterDefinition>? MissingParameters(SpecMapping doc)
    {
        _reader.Error("parameters", "is required: the parameters to search, such as {lr: {type: float, min: 0.0001, max: 0.1, log: true}}", doc);
        return null;
    }

    private List<string>? ReadCommand(SpecMapping doc, IReadOnlyList<ParameterDefinition>? parameters)
    {
        if (FieldReader.Get(doc, "command") is not { } node)
        {
            // No command: the sweep is driven over HTTP (ask/tell), never by agents.
            return [];
        }
        if (_reader.Sequence(node, "command", "[python3, train.py, \"${args}\"]") is not { } sequence)
        {
            return null;
        }
        if (sequence.Items.Count == 0)
        {
            _reader.Error("command", "must hold at least the program to run", sequence);
            return null;
        }
        var known = parameters?.Select(p => p.Name).Append("args").ToList();
        var command = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = SpecPaths.Item("command", i);
            // Numbers and booleans are fine as arguments (--epochs, 10): they are passed as written.
            if (sequence.Items[i] is not SpecScalar { Kind: not ScalarKind.Null } scalar || scalar.Text.Length == 0)
            {
                _reader.Error(path, $"must be a non-empty argument, not {sequence.Items[i].Describe()}", sequence.Items[i]);
                continue;
            }
            command.Add(scalar.Text);
            if (known is null)
            {
                continue;
            }
            foreach (Match placeholder in Placeholder().Matches(scalar.Text))
            {
                var name = placeholder.Groups[1].Value;
                if (!known.Contains(name))
                {
                    _reader.Error(path, $"${{{name}}} names no parameter" + KeySuggestions.Hint(name, known, "names"), scalar);
                }
            }
        }
        return command.Count == sequence.Items.Count ? command : null;
    }

    private List<Objective>? ReadObjectives(SpecMapping doc)
    {
        var listNode = FieldReader.Get(doc, "objectives");
        var shorthand = FieldReader.Get(doc, "metric");
        if (listNode is not null && shorthand is not null)
        {
            _reader.Error("metric", "give either objectives: [...] or the shorthand metric: {name, goal}, not both", shorthand);
            return null;
        }
        if (shorthand is not null)
        {
            if (_reader.Mapping(shorthand, "metric", "{name: accuracy, goal: maximize}") is not { } mapping)
            {
                return null;
            }
            _reader.CheckKeys(mapping, "metric", MetricShorthandKeys);
            var metric = RequiredField(mapping, "name", (n, p) => _reader.Text(n, p, 250), "metric");
            var goal = RequiredField(mapping, "goal", (n, p) => _reader.Choice(n, p, Goals), "metric");
            return metric is not null && goal is not null ? [new Objective(metric, goal.Value)] : null;
        }
        if (listNode is null)
        {
            _reader.Error("objectives", $"at least one objective is required, such as objectives: [{GoalExample}]", doc);
            return null;
        }
        if (_reader.Sequence(listNode, "objectives", $"[{GoalExample}]") is not { } sequence)
        {
            return null;
        }
        if (sequence.Items.Count == 0)
        {
            _reader.Error("objectives", $"at least one objective is required, such as [{GoalExample}]", sequence);
            return null;
        }
        var objectives = new List<Objective>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = SpecPaths.Item("objectives", i);
            if (_reader.Mapping(sequence.Items[i], path, GoalExample) is not { } mapping)
            {
                continue;
            }
            _reader.CheckKeys(mapping, path, ObjectiveKeys);
            var metric = RequiredField(mapping, "metric", (n, p) => _reader.Text(n, p, 250), path);
            var goal = RequiredField(mapping, "goal", (n, p) => _reader.Choice(n, p, Goals), path);
            if (metric is null || goal is null)
            {
                continue;
            }
            if (objectives.FindIndex(o => o.Metric == metric) is var first and >= 0)
            {
                _reader.Error(SpecPaths.Child(path, "metric"), $"the metric '{metric}' is already objectives[{first}]", mapping.Find("metric")!.Value);
                continue;
            }
            objectives.Add(new Objective(metric, goal.Value));
        }
        return objectives.Count == sequence.Items.Count ? objectives : null;
    }

    private List<Constraint>? ReadConstraints(SpecMapping doc)
    {
        if (FieldReader.Get(doc, "constraints") is not { } node)
        {
            return [];
        }
        if (_reader.Sequence(node, "constraints", "[{metric: accuracy, min: 0.75}]") is not { } sequence)
        {
            return null;
        }
        var constraints = new List<Constraint>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = SpecPaths.Item("constraints", i);
            if (_reader.Mapping(sequence.Items[i], path, "{metric: accuracy, min: 0.75}") is not { } mapping)
            {
                continue;
            }
            _reader.CheckKeys(mapping, path, ConstraintKeys);
            var metric = RequiredField(mapping, "metric", (n, p) => _reader.Text(n, p, 250), path);
            var minNode = FieldReader.Get(mapping, "min");
            var maxNode = FieldReader.Get(mapping, "max");
            var min = minNode is null ? null : _reader.Number(minNode, SpecPaths.Child(path, "min"));
            var max = maxNode is null ? null : _reader.Number(maxNode, SpecPaths.Child(path, "max"));
            if (minNode is null && maxNode is null)
            {
                _reader.Error(path, "a constraint needs min, max or both", mapping);
                continue;
            }
            if (min > max)
            {
                _reader.Error(SpecPaths.Child(path, "min"), $"min ({FieldReader.Format(min.Value)}) is greater than max ({FieldReader.Format(max!.Value)})", minNode);
                continue;
            }
            if (metric is not null && (minNode is null || min is not null) && (maxNode is null || max is not null))
            {
                constraints.Add(new Constraint(metric, min, max));
            }
        }
        return constraints.Count == sequence.Items.Count ? constraints : null;
    }

    private void CheckGrid(SpecMapping doc, IReadOnlyList<ParameterDefinition> parameters)
    {
        var mapping = (SpecMapping)doc.Find("parameters")!.Value;
        var limit = SpecLimits.MaxGridPoints.ToString("N0", CultureInfo.InvariantCulture);
        var ok = true;
        foreach (var p in parameters)
        {
            var entry = mapping.Find(p.Name)!;
            if (p.Cardinality is not { } count)
            {
                _reader.Error(SpecPaths.Child("parameters", p.Name),
                    $"grid search needs a finite set of values: give '{p.Name}' a step (float), or use method random, bayes or tpe", entry.Key);
                ok = false;
            }
            else if (count > SpecLimits.MaxGridPoints)
            {
                // Sized from min, max and step: the values themselves are never made.
                _reader.Error(SpecPaths.Child("parameters", p.Name),
                    $"'{p.Name}' alone has {Describe(count)} grid points; a grid has at most {limit}: use a larger step, or method random, bayes or tpe", entry.Key);
                ok = false;
            }
        }
        if (ok && GridSampler.Size(new SearchSpace(parameters)) is var size and > SpecLimits.MaxGridPoints)
        {
            _reader.Error("parameters",
                $"the grid has {Describe(size)} grid points, more than {limit}: use fewer values, or method random, bayes or tpe", mapping);
        }
    }

    private static string Describe(long count) =>
        count == long.MaxValue ? "more than 9.2e18" : count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>acquisition: ucb</c>, or a mapping with its options: <c>{type: ucb, kappa: 3}</c>, <c>{type: ei, xi: 0.05}</c>.
    /// Only bayes has a choice of acquisition; an option that the chosen function does not read is refused.
    /// </summary>
    private AcquisitionSpec? ReadAcquisition(SpecMapping doc, SearchMethod? method)
    {
        if (FieldReader.Get(doc, "acquisition") is not { } node)
        {
            return null;
        }
        if (method is { } m && m != SearchMethod.Bayes)
        {
            _reader.Error("acquisition", $"applies only to method bayes, not {m.ToString().ToLowerInvariant()}", node);
            return null;
        }
        const string Example = "ei, pi, ucb, thompson, or a mapping such as {type: ucb, kappa: 2}";
        if (node is SpecScalar)
        {
            return _reader.Choice(node, "acquisition", AcquisitionSpec.Names) is { } function ? new AcquisitionSpec(function) : null;
        }
        if (_reader.Mapping(node, "acquisition", Example) is not { } mapping)
        {
            return null;
        }
        if (FieldReader.Get(mapping, "type") is not { } typeNode)
        {
            _reader.Error("acquisition.type", "is required: ei, pi, ucb or thompson", mapping);
            return null;
        }
        if (_reader.Choice(typeNode, "acquisition.type", AcquisitionSpec.Names) is not { } type)
        {
            return null;
        }
        var reads = type switch
        {
            Acquisition.ExpectedImprovement or Acquisition.ProbabilityOfImprovement => "xi",
            Acquisition.UpperConfidenceBound => "kappa",
            _ => null,
        };
        var name = AcquisitionSpec.Names.First(n => n.Value == type).Key;
        _reader.CheckKeys(mapping, "acquisition", reads is null ? ["type"] : ["type", reads],
            key => AcquisitionKeys.Contains(key)
                ? $"'{key}' does not apply to {name}" + (key == "xi" ? " (only ei and pi read it)" : " (only ucb reads it)")
                : null);
        var xiNode = FieldReader.Get(mapping, "xi");
        var kappaNode = FieldReader.Get(mapping, "kappa");
        var xi = xiNode is null || reads != "xi" ? AcquisitionSpec.DefaultXi : _reader.Number(xiNode, "acquisition.xi", 0, max: AcquisitionSpec.MaxXi);
        var kappa = kappaNode is null || reads != "kappa" ? AcquisitionSpec.DefaultKappa : _reader.Number(kappaNode, "acquisition.kappa", 0, max: AcquisitionSpec.MaxKappa);
        return xi is null || kappa is null ? null : new AcquisitionSpec(type, xi.Value, kappa.Value);
    }

    private SweepBudget? ReadBudget(SpecMapping doc, SearchMethod? method)
    {
        var node = FieldReader.Get(doc, "budget");
        if (node is null)
        {
            if (method == SearchMethod.Grid)
            {
                return new SweepBudget(null);
            }
            _reader.Error("budget", "is required: how many trials to run, such as {trials: 50, parallel: 4}", doc);
            return null;
        }
        if (_reader.Mapping(node, "budget", "{trials: 50, parallel: 4}") is not { } mapping)
        {
            return null;
        }
        _reader.CheckKeys(mapping, "budget", BudgetKeys);
        int? trials = null;
        if (FieldReader.Get(mapping, "trials") is { } t)
        {
            trials = _reader.Int32(t, "budget.trials", 1, 1_000_000);
        }
        else if (method != SearchMethod.Grid)
        {
            _reader.Error("budget.trials", "is required (only a grid may leave it out, to run the whole grid)", mapping);
        }
        var parallel = FieldReader.Get(mapping, "parallel") is { } p ? _reader.Int32(p, "budget.parallel", 1, 10_000) : 1;
        var minutesNode = FieldReader.Get(mapping, "minutes");
        var minutes = minutesNode is null ? null : _reader.Number(minutesNode, "budget.minutes", 0, exclusive: true, max: SpecLimits.MaxMinutes);
        var failures = FieldReader.Get(mapping, "max_consecutive_failures") is { } f
            ? _reader.Int32(f, "budget.max_consecutive_failures", 1)
            : 5;
        var dollarsNode = FieldReader.Get(mapping, "dollars");
        var dollars = dollarsNode is null ? null : _reader.Number(dollarsNode, "budget.dollars", 0, exclusive: true);
        if (parallel is null || failures is null || (minutesNode is not null && minutes is null) || (dollarsNode is not null && dollars is null))
        {
            return null;
        }
        return new SweepBudget(trials, parallel.Value, minutes, failures.Value, dollars);
    }

    private EarlyStoppingSpec? ReadEarlyStopping(SpecMapping doc, List<Objective>? objectives)
    {
        if (FieldReader.Get(doc, "early_stopping") is not { } node ||
            _reader.Mapping(node, "early_stopping", "{type: asha, metric: val_loss, goal: minimize}") is not { } mapping)
        {
            return null;
        }
        const string path = "early_stopping";
        var typeNode = FieldReader.Get(mapping, "type");
        if (typeNode is null)
        {
            _reader.Error("early_stopping.type", "is required: median or asha", mapping);
            return null;
        }
        if (typeNode is SpecScalar { Kind: ScalarKind.String, Text: "none" })
        {
            // An explicit "no early stopping", as a form writes it.
            _reader.CheckKeys(mapping, path, ["type"], key => EarlyStoppingKeys.Contains(key) ? $"'{key}' does not apply to type none" : null);
            return null;
        }
        if (_reader.Choice(typeNode, "early_stopping.type", StoppingTypes) is not { } type)
        {
            return null;
        }
        var allowed = type == EarlyStoppingType.Asha ? EarlyStoppingKeys : EarlyStoppingKeys.Except(AshaOnlyKeys).ToArray();
        _reader.CheckKeys(mapping, path, allowed,
            key => AshaOnlyKeys.Contains(key) ? $"'{key}' applies only to type asha" : null);

        string? metric;
        if (FieldReader.Get(mapping, "metric") is { } metricNode)
        {
            metric = _reader.Text(metricNode, "early_stopping.metric", 250);
        }
        else if (objectives is { Count: > 0 })
        {
            metric = objectives[0].Metric;
        }
        else
        {
            _reader.Error("early_stopping.metric", "is required", mapping);
            metric = null;
        }
        Goal? goal = null;
        if (FieldReader.Get(mapping, "goal") is { } goalNode)
        {
            goal = _reader.Choice(goalNode, "early_stopping.goal", Goals);
        }
        else if (objectives?.Find(o => o.Metric == metric) is { } objective)
        {
            goal = objective.Goal;
        }
        else if (metric is not null)
        {
            _reader.Error("early_stopping.goal", $"is required: '{metric}' is not an objective, so say whether to minimize or maximize it", mapping);
        }

        var minSteps = FieldReader.Get(mapping, "min_steps") is { } ms ? _reader.Integer(ms, "early_stopping.min_steps", 1, long.MaxValue) : 1;
        var eta = FieldReader.Get(mapping, "reduction_factor") is { } rf ? _reader.Int32(rf, "early_stopping.reduction_factor", 2, 1000) : 3;
        long? maxSteps = null;
        if (FieldReader.Get(mapping, "max_steps") is { } mx)
        {
            maxSteps = _reader.Integer(mx, "early_stopping.max_steps", 1, long.MaxValue);
            if (maxSteps is { } max && minSteps is { } min && max <= min)
            {
                _reader.Error("early_stopping.max_steps", $"max_steps ({max}) must be greater than min_steps ({min})", mx);
                return null;
            }
            if (maxSteps is null)
            {
                return null;
            }
        }
        var minTrials = FieldReader.Get(mapping, "min_trials") is { } mt
            ? _reader.Int32(mt, "early_stopping.min_trials", 1, 100_000)
            : type == EarlyStoppingType.Asha ? eta : 5;
        if (metric is null || goal is null || minSteps is null || eta is null || minTrials is null)
        {
            return null;
        }
        return new EarlyStoppingSpec(type, metric, goal.Value, minSteps.Value, eta.Value, maxSteps, minTrials.Value);
    }

    private TrialSettings? ReadTrial(SpecMapping doc)
    {
        if (FieldReader.Get(doc, "trial") is not { } node)
        {
            return new TrialSettings();
        }
        if (_reader.Mapping(node, "trial", "{timeout_minutes: 30, retries: 2, gpus: 1}") is not { } mapping)
        {
            return null;
        }
        _reader.CheckKeys(mapping, "trial", TrialKeys);
        var timeoutNode = FieldReader.Get(mapping, "timeout_minutes");
        var timeout = timeoutNode is null ? null : _reader.Number(timeoutNode, "trial.timeout_minutes", 0, exclusive: true, max: SpecLimits.MaxMinutes);
        var retries = FieldReader.Get(mapping, "retries") is { } r ? _reader.Int32(r, "trial.retries", 0, 100) : 0;
        var gpus = FieldReader.Get(mapping, "gpus") is { } g ? _reader.Int32(g, "trial.gpus", 0, 64) : 0;
        if ((timeoutNode is not null && timeout is null) || retries is null || gpus is null)
        {
            return null;
        }
        return new TrialSettings(timeout, retries.Value, gpus.Value);
    }

    /// <summary>
    /// <c>warm_start: {sweeps: [12, 15]}</c>, or <c>warm_start: auto</c> (also <c>{sweeps: auto, scope: project | all}</c>):
    /// the listed sweeps, or the scope that related sweeps are looked for in.
    /// </summary>
    private (List<long>? Sweeps, WarmStartScope? Auto) ReadWarmStart(SpecMapping doc)
    {
        const string Example = "{sweeps: [12, 15]} or auto";
        if (FieldReader.Get(doc, "warm_start") is not { } node)
        {
            return ([], null);
        }
        if (node is SpecScalar { Text: "auto" })
        {
            return ([], WarmStartScope.Project);
        }
        if (_reader.Mapping(node, "warm_start", Example) is not { } mapping)
        {
            return (null, null);
        }
        _reader.CheckKeys(mapping, "warm_start", WarmStartKeys);
        var scopeNode = FieldReader.Get(mapping, "scope");
        if (FieldReader.Get(mapping, "sweeps") is not { } sweepsNode)
        {
            _reader.Error("warm_start.sweeps", "is required: the ids of earlier sweeps, such as [12, 15], or auto", mapping);
            return (null, null);
        }
        if (sweepsNode is SpecScalar { Text: "auto" })
        {
            var scope = scopeNode is null ? WarmStartScope.Project : _reader.Choice(scopeNode, "warm_start.scope", Scopes);
            return scope is null ? (null, null) : ([], scope);
        }
        if (scopeNode is not null)
        {
            _reader.Error("warm_start.scope", "applies only to sweeps: auto; listed sweeps are used wherever they are", scopeNode);
        }
        if (_reader.Sequence(sweepsNode, "warm_start.sweeps", "[12, 15]") is not { } sequence)
        {
            return (null, null);
        }
        var ids = new List<long>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = SpecPaths.Item("warm_start.sweeps", i);
            if (_reader.Integer(sequence.Items[i], path, 1, long.MaxValue) is not { } id)
            {
                continue;
            }
            if (ids.Contains(id))
            {
                _reader.Error(path, $"sweep {id} is listed twice", sequence.Items[i]);
                continue;
            }
            ids.Add(id);
        }
        return (ids.Count == sequence.Items.Count ? ids : null, null);
    }

    private T? RequiredField<T>(SpecMapping mapping, string key, Func<SpecNode, string, T?> read, string parent = "")
    {
        var path = SpecPaths.Child(parent, key);
        if (FieldReader.Get(mapping, key) is { } node)
        {
            return read(node, path);
        }
        _reader.Error(path, "is required", mapping);
        return default;
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Placeholder();
}
