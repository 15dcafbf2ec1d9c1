using System.Globalization;

namespace ExperimentHub.Core.Specs.Nodes;

internal sealed class SpecScalar(int line, int column, string text, ScalarKind kind, long integer = 0, double number = 0, bool flag = false)
    : SpecNode(line, column)
{
    public string Text { get; } = text;

    public ScalarKind Kind { get; } = kind;

    /// <summary>The value of an <see cref="ScalarKind.Integer"/>.</summary>
    public long Integer { get; } = integer;

    /// <summary>The value of a number (<see cref="ScalarKind.Integer"/> or <see cref="ScalarKind.Float"/>).</summary>
    public double Number { get; } = kind == ScalarKind.Integer ? integer : number;

    public bool Flag { get; } = flag;

    public bool IsNumber => Kind is ScalarKind.Integer or ScalarKind.Float;

    /// <summary>The value as a parameter value: string, bool, long or double (null for a null scalar).</summary>
    public object? ToValue() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Bool => Flag,
        ScalarKind.Integer => Integer,
        ScalarKind.Float => Number,
        _ => Text,
    };

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "empty (null)",
        ScalarKind.Bool => Flag ? "the boolean true" : "the boolean false",
        ScalarKind.Integer => "the number " + Integer.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Float => "the number " + Number.ToString("R", CultureInfo.InvariantCulture),
        _ => $"the text '{Shorten(Text)}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
