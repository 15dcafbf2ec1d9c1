using ExperimentHub.Core.Specs.Nodes;
using ExperimentHub.Core.Specs.Validation;

namespace ExperimentHub.Core.Specs.SeedJobs;

/// <summary>
/// Translates the JSON job of seed 000 (<c>code_github</c>, <c>command</c>, <c>dir</c>, <c>install_script</c>,
/// <c>primary_result_key</c>, <c>backend</c>, <c>resources</c>, <c>optimizer</c>, <c>search</c>,
/// <c>model_storage</c>) into a sweep spec document, which the spec validator then checks as any other. Every node
/// of the translation keeps the place of the field it came from, and every error is given back under the job's own
/// field names (README, "Seed-000 jobs"), so a job is refused as precisely as a spec.
/// </summary>
internal sealed class SeedJobTranslator
{
    /// <summary>Keys only a seed job has: one of them makes a document a seed job.</summary>
    private static readonly string[] MarkerKeys = ["code_github", "primary_result_key", "install_script", "search", "optimizer", "model_storage", "backend"];

    private static readonly string[] RootKeys =
    [
        "name", "code_github", "command", "dir", "install_script", "primary_result_key", "goal", "backend", "resources", "optimizer",
        "search", "model_storage",
    ];

    private static readonly string[] ResourcesKeys = ["instance_count", "instance_type", "spot", "max_price"];
    private static readonly string[] OptimizerKeys = ["method", "budget", "seed"];
    private static readonly string[] StorageKeys = ["type", "bucket", "model_dir", "clean_model_dir_flag"];
    private static readonly string[] StorageTypes = ["s3", "local"];

    // The job's "aws" is our ec2; the rest are our names.
    private static readonly Dictionary<string, string> Backends = new(StringComparer.Ordinal)
    {
        ["aws"] = "ec2",
        ["ec2"] = "ec2",
        ["agents"] = "agents",
        ["slurm"] = "slurm",
    };

    private readonly SpecErrorList _errors;
    private readonly FieldReader _reader;
    // (path in the translation, path in the job), most specific first.
    private readonly List<(string Spec, string Job)> _paths = [];
    // Fields the job gave as a list rather than a command line: their errors keep the item's index.
    private readonly HashSet<string> _listFields = [];

    private SeedJobTranslator(SpecErrorList errors)
    {
        _errors = errors;
        _reader = new FieldReader(errors);
    }

    public static bool IsSeedJob(SpecNode? root) =>
        root is SpecMapping mapping && mapping.Entries.Exists(e => MarkerKeys.Contains(e.Key.Text));

    /// <summary>Checks and translates the job, then validates the translation; every error lands in <paramref name="errors"/> under the job's field names.</summary>
    public static SweepSpec? Translate(SpecMapping job, SpecErrorList errors)
    {
        var translator = new SeedJobTranslator(errors);
        var document = translator.Build(job);
        var specErrors = new SpecErrorList();
        var spec = new SweepSpecValidator(specErrors).Validate(document);
        foreach (var error in specErrors.Errors)
        {
            // A field the translation already refused (a command line that does not split) is named once.
            var path = translator.JobPath(error.Path);
            if (!errors.Errors.Any(e => e.Path == path))
            {
                errors.Add(path, error.Message, error.Line, error.Column);
            }
        }
        return errors.Count == 0 ? spec : null;
    }

    private SpecMapping Build(SpecMapping job)
    {
        _reader.CheckKeys(job, "", RootKeys,
            key => key is "parameters" or "objectives" or "method" or "budget" or "workdir" or "code" or "artifacts"
                ? $"'{key}' is a sweep spec key, and this document is a seed-000 job (recognised by '{job.Entries.First(e => MarkerKeys.Contains(e.Key.Text)).Key.Text}'); {SeedEquivalent(key)}"
                : null);
        var spec = new SpecMapping(job.Line, job.Column);
        Add(spec, "name", Name(job), job);
        var repo = FieldReader.Get(job, "code_github");
        Command(job, spec);
        Code(job, spec, repo);
        Objective(job, spec);
        Method(job, spec);
        Search(job, spec);
        Resources(job, spec);
        ModelStorage(job, spec);
        return spec;
    }

    private static string SeedEquivalent(string key) => key switch
    {
        "parameters" => "give the parameters as 'search'",
        "objectives" => "name the metric in 'primary_result_key'",
        "method" or "budget" => $"give it as optimizer.{key}",
        "workdir" => "give the folder as 'dir'",
        "code" => "give the repository as 'code_github'",
        _ => "give the model folder as model_storage.model_dir",
    };

    /// <summary>The job's own name, or the repository's ("optimizer_example" for .../optimizer_example.git).</summary>
    private static SpecNode Name(SpecMapping job)
    {
        if (FieldReader.Get(job, "name") is { } name)
        {
            return name;
        }
        if (FieldReader.Get(job, "code_github") is SpecScalar { Kind: ScalarKind.String } repo)
        {
            var last = repo.Text.TrimEnd('/', '\\').Split('/', '\\', ':').LastOrDefault(s => s.Length > 0) ?? "job";
            var stem = last.EndsWith(".git", StringComparison.Ordinal) ? last[..^4] : last;
            return Text(repo, stem.Length > 0 ? stem : "job");
        }
        return Text(job, "job");
    }

    private void Command(SpecMapping job, SpecMapping spec)
    {
        var node = FieldReader.Get(job, "command");
        if (node is null)
        {
            _reader.Error("command", "is required: the command line of a trial, such as \"python model_script.py\"", job);
            return;
        }
        Map("command", "command");
        if (node is SpecSequence)
        {
            _listFields.Add("command");
            Add(spec, "command", node, node);
            return;
        }
        if (Words(node, "command") is { } words)
        {
            Add(spec, "command", words, node);
        }
    }

    private void Code(SpecMapping job, SpecMapping spec, SpecNode? repo)
    {
        var dir = FieldReader.Get(job, "dir");
        var install = FieldReader.Get(job, "install_script");
        if (repo is null)
        {
            // Without a repository the job runs where the agent stands, in dir.
            if (install is not null)
            {
                _reader.Error("install_script", "needs code_github: the install script runs in the checkout of that repository", install);
            }
            if (dir is not null)
            {
                Map("workdir", "dir");
                Add(spec, "workdir", dir, dir);
            }
            return;
        }
        var code = new SpecMapping(repo.Line, repo.Column);
        Map("code.repo", "code_github");
        Map("code.dir", "dir");
        Map("code.install", "install_script");
        Map("code", "code_github");
        Add(code, "repo", repo, repo);
        if (dir is not null)
        {
            Add(code, "dir", dir, dir);
        }
        if (install is not null && Words(install, "install_script") is { } words)
        {
            // A script in the repository may lack the executable bit: run a .sh through sh, as its name says.
            if (words.Items.Count > 0 && words.Items[0] is SpecScalar first && first.Text.EndsWith(".sh", StringComparison.Ordinal))
            {
                words.Items.Insert(0, Text(install, "sh"));
            }
            Add(code, "install", words, install);
        }
        Add(spec, "code", code, repo);
    }

    private void Objective(SpecMapping job, SpecMapping spec)
    {
        var key = FieldReader.Get(job, "primary_result_key");
        var goal = FieldReader.Get(job, "goal");
        if (key is null)
        {
            _reader.Error("primary_result_key", "is required: the metric to optimize, such as \"accuracy\"", job);
            return;
        }
        Map("objectives[0].metric", "primary_result_key");
        Map("objectives[0].goal", "goal");
        Map("objectives", "primary_result_key");
        var objective = new SpecMapping(key.Line, key.Column);
        Add(objective, "metric", key, key);
        Add(objective, "goal", goal ?? Text(key, "maximize"), goal ?? key);
        var list = new SpecSequence(key.Line, key.Column);
        list.Items.Add(objective);
        Add(spec, "objectives", list, key);
    }

    private void Method(SpecMapping job, SpecMapping spec)
    {
        var node = FieldReader.Get(job, "optimizer");
        if (node is null)
        {
            _reader.Error("optimizer", "is required: the method and the budget, such as {\"method\": \"tpe\", \"budget\": 50}", job);
            return;
        }
        if (_reader.Mapping(node, "optimizer", "{\"method\": \"tpe\", \"budget\": 50}") is not { } optimizer)
        {
            return;
        }
        _reader.CheckKeys(optimizer, "optimizer", OptimizerKeys);
        Map("method", "optimizer.method");
        Map("seed", "optimizer.seed");
        if (FieldReader.Get(optimizer, "method") is { } method)
        {
            Add(spec, "method", method, method);
        }
        if (FieldReader.Get(optimizer, "seed") is { } seed)
        {
            Add(spec, "seed", seed, seed);
        }
        var parallel = Instances(job);
        Map("budget.parallel", parallel is null ? "optimizer.budget.parallel" : "resources.instance_count");
        if (FieldReader.Get(optimizer, "budget") is not { } budget)
        {
            // A grid may run whole; the validator says so for the other methods, at optimizer.budget.
            Map("budget", "optimizer.budget");
            if (parallel is not null)
            {
                var whole = new SpecMapping(optimizer.Line, optimizer.Column);
                Add(whole, "parallel", parallel, parallel);
                Add(spec, "budget", whole, optimizer);
            }
            return;
        }
        if (budget is SpecScalar)
        {
            // "budget": 50 is the number of trials.
            Map("budget.trials", "optimizer.budget");
            Map("budget", "optimizer.budget");
            var mapping = new SpecMapping(budget.Line, budget.Column);
            Add(mapping, "trials", budget, budget);
            if (parallel is not null)
            {
                Add(mapping, "parallel", parallel, parallel);
            }
            Add(spec, "budget", mapping, budget);
            return;
        }
        Map("budget", "optimizer.budget");
        if (budget is SpecMapping given && given.Find("parallel") is null && parallel is not null)
        {
            var copy = new SpecMapping(given.Line, given.Column);
            copy.Entries.AddRange(given.Entries);
            Add(copy, "parallel", parallel, parallel);
            budget = copy;
        }
        Add(spec, "budget", budget, budget);
    }

    /// <summary>resources.instance_count, which also runs that many trials at once unless the budget says otherwise.</summary>
    private static SpecNode? Instances(SpecMapping job) =>
        FieldReader.Get(job, "resources") is SpecMapping resources ? FieldReader.Get(resources, "instance_count") : null;

    private void Search(SpecMapping job, SpecMapping spec)
    {
        if (FieldReader.Get(job, "search") is not { } search)
        {
            _reader.Error("search", "is required: the parameters to search, such as {\"C\": {\"type\": \"float\", \"min\": 0.001, \"max\": 1000, \"log\": true}}", job);
            return;
        }
        Map("parameters", "search");
        Add(spec, "parameters", search, search);
    }

    private void Resources(SpecMapping job, SpecMapping spec)
    {
        var backend = FieldReader.Get(job, "backend");
        var node = FieldReader.Get(job, "resources");
        if (backend is null && node is null)
        {
            return;
        }
        var resources = new SpecMapping((backend ?? node)!.Line, (backend ?? node)!.Column);
        Map("resources.backend", "backend");
        Map("resources.instances", "resources.instance_count");
        var machines = false;
        if (backend is not null)
        {
            if (backend is SpecScalar { Kind: ScalarKind.String } name && Backends.TryGetValue(name.Text, out var ours))
            {
                machines = ours != "agents";
                Add(resources, "backend", Text(backend, ours), backend);
            }
            else
            {
                var typed = backend is SpecScalar s ? s.Text : "";
                _reader.Error("backend", $"must be one of {string.Join(", ", Backends.Keys)}, not {backend.Describe()}" +
                    (KeySuggestions.Closest(typed, Backends.Keys) is { } best ? $"; did you mean '{best}'?" : ""), backend);
            }
        }
        if (node is not null && _reader.Mapping(node, "resources", "{\"instance_count\": 10, \"instance_type\": \"p3.8xlarge\"}") is { } given)
        {
            _reader.CheckKeys(given, "resources", ResourcesKeys);
            // On the agents that connect by themselves nothing is started: instance_count is the trials at once
            // (budget.parallel, above) and the rest describes machines no one launches.
            foreach (var (from, to) in new[] { ("instance_count", "instances"), ("instance_type", "instance_type"), ("spot", "spot"), ("max_price", "max_price") })
            {
                if (machines && FieldReader.Get(given, from) is { } value)
                {
                    Add(resources, to, value, value);
                }
            }
        }
        if (backend is not null)
        {
            Add(spec, "resources", resources, resources);
        }
    }

    private void ModelStorage(SpecMapping job, SpecMapping spec)
    {
        if (FieldReader.Get(job, "model_storage") is not { } node ||
            _reader.Mapping(node, "model_storage", "{\"type\": \"s3\", \"model_dir\": \"saved_model\", \"clean_model_dir_flag\": true}") is not { } storage)
        {
            return;
        }
        _reader.CheckKeys(storage, "model_storage", StorageKeys);
        if (FieldReader.Get(storage, "type") is { } type && _reader.Text(type, "model_storage.type", 20) is { } typeName && !StorageTypes.Contains(typeName))
        {
            _reader.Error("model_storage.type", $"must be one of {string.Join(", ", StorageTypes)}, not '{typeName}' (models go to the server's artifact store)", type);
        }
        if (FieldReader.Get(storage, "bucket") is { } bucket)
        {
            _reader.Text(bucket, "model_storage.bucket", 300);
        }
        var modelDir = FieldReader.Get(storage, "model_dir");
        if (modelDir is null)
        {
            _reader.Error("model_storage.model_dir", "is required: the folder, relative to the trial's working folder, whose files are stored", storage);
            return;
        }
        Map("artifacts.model_dir", "model_storage.model_dir");
        Map("artifacts.clean", "model_storage.clean_model_dir_flag");
        Map("artifacts", "model_storage");
        var artifacts = new SpecMapping(storage.Line, storage.Column);
        Add(artifacts, "model_dir", modelDir, modelDir);
        if (FieldReader.Get(storage, "clean_model_dir_flag") is { } clean)
        {
            Add(artifacts, "clean", clean, clean);
        }
        Add(spec, "artifacts", artifacts, storage);
    }

    /// <summary>A command line split into a list of argument nodes, or null (with an error at <paramref name="path"/>).</summary>
    private SpecSequence? Words(SpecNode node, string path)
    {
        if (_reader.Text(node, path, 10_000) is not { } text)
        {
            return null;
        }
        var split = ShellWords.Split(text);
        if (split.Error is not null)
        {
            _reader.Error(path, split.Error, node);
            return null;
        }
        if (split.Words.Count == 0)
        {
            _reader.Error(path, "holds no program to run", node);
            return null;
        }
        var sequence = new SpecSequence(node.Line, node.Column);
        sequence.Items.AddRange(split.Words.Select(w => Text(node, w)));
        return sequence;
    }

    private void Map(string specPath, string jobPath) => _paths.Add((specPath, jobPath));

    /// <summary>The job's name for a path of the translation: the most specific mapping whose prefix matches.</summary>
    private string JobPath(string specPath)
    {
        foreach (var (spec, job) in _paths.OrderByDescending(p => p.Spec.Length))
        {
            if (specPath == spec)
            {
                return job;
            }
            if (specPath.StartsWith(spec + ".", StringComparison.Ordinal) || specPath.StartsWith(spec + "[", StringComparison.Ordinal))
            {
                // A string the job gave whole (command, install_script) has no items of its own to point at.
                return job is "command" or "install_script" && specPath[spec.Length] == '[' && !IsListInJob(job) ? job : job + specPath[spec.Length..];
            }
        }
        return specPath;
    }

    private bool IsListInJob(string job) => _listFields.Contains(job);

    private static SpecScalar Text(SpecNode at, string text) => new(at.Line, at.Column, text, ScalarKind.String);

    private static void Add(SpecMapping mapping, string key, SpecNode value, SpecNode at) =>
        mapping.Entries.Add(new SpecEntry(Text(at, key), value));
}
