using System.Text;

namespace ExperimentHub.Core.Specs.SeedJobs;

/// <summary>
/// Splits a command line into arguments as a POSIX shell would (blanks separate words; single quotes keep text as
/// written; double quotes keep it but for backslash escapes of <c>$ ` " \</c>; a backslash outside quotes keeps the
/// next character), without running one: no variables, globs, pipes or redirections. An unquoted character that only
/// a shell gives meaning to (<c>| &amp; ; &lt; &gt; ( ) `</c>, a <c>#</c> comment) is refused rather than passed on as
/// text, because the command would not do what it says.
/// </summary>
public static class ShellWords
{
    private const string ShellOnly = "|&;<>()`";

    /// <summary>The words, or an error in words (with the 1-based character where it is).</summary>
    public static ShellSplit Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                    break;
                case '\\':
                    if (i + 1 == text.Length)
                    {
                        return ShellSplit.Failed($"ends with a lone backslash (character {i + 1})");
                    }
                    i++;
                    // A backslash before a newline joins the lines; before anything else it keeps that character.
                    if (text[i] != '\n')
                    {
                        word.Append(text[i]);
                        inWord = true;
                    }
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return ShellSplit.Failed($"the single quote at character {i + 1} is never closed");
                    }
                    word.Append(text, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                    break;
                case '"':
                    if (ReadDoubleQuoted(text, i, word) is not { } end)
                    {
                        return ShellSplit.Failed($"the double quote at character {i + 1} is never closed");
                    }
                    inWord = true;
                    i = end;
                    break;
                case '#' when !inWord:
                    return ShellSplit.Failed($"'#' at character {i + 1} starts a shell comment; quote it to pass it as text");
                default:
                    if (ShellOnly.Contains(c, StringComparison.Ordinal) || (c == '$' && i + 1 < text.Length && text[i + 1] == '('))
                    {
                        var what = c == '$' ? "'$('" : $"'{c}'";
                        return ShellSplit.Failed(
                            $"{what} at character {i + 1} needs a shell, and the command runs without one; quote it to pass it as text, or put the pipeline in a script");
                    }
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return new ShellSplit(words, null);
    }

    /// <summary>Appends the text of the double-quoted string opening at <paramref name="open"/>; returns the index of its closing quote.</summary>
    private static int? ReadDoubleQuoted(string text, int open, StringBuilder word)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i;
            }
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '`' or '"' or '\\' or '\n')
            {
                i++;
                if (text[i] != '\n')
                {
                    word.Append(text[i]);
                }
                continue;
            }
            word.Append(c);
        }
        return null;
    }
}
