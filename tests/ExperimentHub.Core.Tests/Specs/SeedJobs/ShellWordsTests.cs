using ExperimentHub.Core.Specs.SeedJobs;

namespace ExperimentHub.Core.Tests.Specs.SeedJobs;

public class ShellWordsTests
{
    [Theory]
    [InlineData("python model_script.py", new[] { "python", "model_script.py" })]
    [InlineData("  python\t-u   train.py\n", new[] { "python", "-u", "train.py" })]
    [InlineData("echo 'a b' \"c d\"", new[] { "echo", "a b", "c d" })]
    [InlineData("echo 'it''s'", new[] { "echo", "its" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo \"say \\\"hi\\\" \\$HOME \\n\"", new[] { "echo", "say \"hi\" $HOME \\n" })]
    [InlineData("echo '\\$x' \"'q'\"", new[] { "echo", "\\$x", "'q'" })]
    [InlineData("echo '' \"\"", new[] { "echo", "", "" })]
    [InlineData("train.py --name=a\\\nb", new[] { "train.py", "--name=ab" })]
    [InlineData("python train.py ${args} --lr=${lr}", new[] { "python", "train.py", "${args}", "--lr=${lr}" })]
    [InlineData("echo 'a|b' \"c;d\" e\\&f x#y", new[] { "echo", "a|b", "c;d", "e&f", "x#y" })]
    public void Splits_as_a_posix_shell_would(string line, string[] expected)
    {
        var split = ShellWords.Split(line);
        Assert.Null(split.Error);
        Assert.Equal(expected, split.Words);
    }

    [Theory]
    [InlineData("echo 'open", "the single quote at character 6 is never closed")]
    [InlineData("echo \"open \\\"", "the double quote at character 6 is never closed")]
    [InlineData("echo x\\", "ends with a lone backslash (character 7)")]
    [InlineData("python train.py > log.txt", "'>' at character 17 needs a shell")]
    [InlineData("pip install x && python t.py", "'&' at character 15 needs a shell")]
    [InlineData("echo $(date)", "'$(' at character 6 needs a shell")]
    [InlineData("python t.py # comment", "'#' at character 13 starts a shell comment")]
    public void Refuses_what_only_a_shell_could_run(string line, string error)
    {
        var split = ShellWords.Split(line);
        Assert.NotNull(split.Error);
        Assert.Contains(error, split.Error, StringComparison.Ordinal);
        Assert.Empty(split.Words);
    }
}
