using ExperimentHub.Core.Specs.Nodes;

namespace ExperimentHub.Core.Specs.Validation;

/// <summary>
/// Reads the sections that say with what a trial runs: <c>code: {repo, ref, dir, install}</c> and
/// <c>artifacts: {model_dir, clean}</c> (where it runs, <c>resources</c>, is read by <see cref="ResourcesReader"/>).
/// </summary>
internal sealed class ComputeSectionsReader(FieldReader reader)
{
    private const string CodeExample = "{repo: https://github.com/org/project.git, ref: main, dir: train, install: [pip, install, -r, requirements.txt]}";
    private const string ArtifactsExample = "{model_dir: saved_model, clean: true}";

    private static readonly string[] CodeKeys = ["repo", "ref", "dir", "install"];
    private static readonly string[] ArtifactsKeys = ["model_dir", "clean"];

    /// <summary>Each read returns null when the section is wrong, having added its errors.</summary>
    public CodeSpec? ReadCode(SpecNode node)
    {
        if (reader.Mapping(node, "code", CodeExample) is not { } mapping)
        {
            return null;
        }
        reader.CheckKeys(mapping, "code", CodeKeys);
        string? repo = null;
        if (FieldReader.Get(mapping, "repo") is { } repoNode)
        {
            repo = NotAnOption(reader.Text(repoNode, "code.repo", 2000), "code.repo", repoNode);
        }
        else
        {
            reader.Error("code.repo", "is required: the repository to fetch, a URL or a local path", mapping);
        }
        var refNode = FieldReader.Get(mapping, "ref");
        var gitRef = refNode is null ? null : GitRef(refNode);
        var dirNode = FieldReader.Get(mapping, "dir");
        var dir = dirNode is null ? null : RelativePath(dirNode, "code.dir");
        var install = FieldReader.Get(mapping, "install") is { } installNode ? Arguments(installNode, "code.install") : [];
        var valid = repo is not null && (refNode is null || gitRef is not null) && (dirNode is null || dir is not null) && install is not null;
        return valid ? new CodeSpec(repo!, gitRef, dir, install!) : null;
    }

    public ArtifactsSpec? ReadArtifacts(SpecNode node)
    {
        if (reader.Mapping(node, "artifacts", ArtifactsExample) is not { } mapping)
        {
            return null;
        }
        reader.CheckKeys(mapping, "artifacts", ArtifactsKeys);
        string? modelDir = null;
        if (FieldReader.Get(mapping, "model_dir") is { } dirNode)
        {
            modelDir = RelativePath(dirNode, "artifacts.model_dir");
        }
        else
        {
            reader.Error("artifacts.model_dir", "is required: the folder, relative to the trial's working folder, whose files are stored", mapping);
        }
        var cleanNode = FieldReader.Get(mapping, "clean");
        var clean = cleanNode is null ? false : reader.Bool(cleanNode, "artifacts.clean");
        var valid = modelDir is not null && clean is not null;
        return valid ? new ArtifactsSpec(modelDir!, clean!.Value) : null;
    }


    /// <summary>A non-empty list of arguments; numbers and booleans are kept as written.</summary>
    private List<string>? Arguments(SpecNode node, string path)
    {
        if (reader.Sequence(node, path, "[sh, install.sh]") is not { } sequence)
        {
            return null;
        }
        if (sequence.Items.Count == 0)
        {
            reader.Error(path, "must hold at least the program to run (or leave install out)", sequence);
            return null;
        }
        var arguments = new List<string>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is not SpecScalar { Kind: not ScalarKind.Null } scalar || scalar.Text.Length == 0)
            {
                reader.Error(SpecPaths.Item(path, i), $"must be a non-empty argument, not {sequence.Items[i].Describe()}", sequence.Items[i]);
                continue;
            }
            arguments.Add(scalar.Text);
        }
        return arguments.Count == sequence.Items.Count ? arguments : null;
    }

    private string? GitRef(SpecNode node)
    {
        if (NotAnOption(reader.Text(node, "code.ref", 250), "code.ref", node) is not { } text)
        {
            return null;
        }
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || text.Contains("..", StringComparison.Ordinal))
        {
            reader.Error("code.ref", $"'{text}' is not a branch, tag or commit name (no spaces, no '..')", node);
            return null;
        }
        return text;
    }

    /// <summary>A folder below its base: not absolute and never climbing out with '..'.</summary>
    private string? RelativePath(SpecNode node, string path)
    {
        if (reader.Text(node, path, 1000) is not { } text)
        {
            return null;
        }
        var normalized = text.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':'))
        {
            reader.Error(path, $"must be a relative path, not '{text}'", node);
            return null;
        }
        if (normalized.Split('/').Contains(".."))
        {
            reader.Error(path, $"must stay inside its folder: '{text}' climbs out with '..'", node);
            return null;
        }
        return normalized.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : ".";
    }

    /// <summary>Git reads a leading '-' as an option: a repository or ref that starts with one is refused.</summary>
    private string? NotAnOption(string? text, string path, SpecNode node)
    {
        if (text is not null && text.StartsWith('-'))
        {
            reader.Error(path, $"must not start with '-' ('{text}')", node);
            return null;
        }
        return text;
    }
}
