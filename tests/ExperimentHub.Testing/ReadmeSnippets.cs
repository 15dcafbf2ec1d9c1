using System.Text.RegularExpressions;

namespace ExperimentHub.Testing;

/// <summary>
/// The README's named snippets: the fenced block right after a <c>&lt;!-- snippet: NAME ... --&gt;</c> line. Tests run
/// them, and the dashboard's pages that show the same code are compared with them, so neither can drift.
/// </summary>
public static partial class ReadmeSnippets
{
    /// <summary>The body of the snippet <paramref name="name"/> in README.md, without its fences.</summary>
    /// <exception cref="InvalidOperationException">README.md has no snippet of that name.</exception>
    public static string Read(string name)
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var match = SnippetPattern().Matches(readme).SingleOrDefault(m => m.Groups["name"].Value == name);
        return match?.Groups["body"].Value
            ?? throw new InvalidOperationException($"README.md has no snippet '{name}' (a '<!-- snippet: {name} -->' line before a fenced block)");
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+)[^\n]*-->\s*\n```\w*\n(?<body>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();
}
