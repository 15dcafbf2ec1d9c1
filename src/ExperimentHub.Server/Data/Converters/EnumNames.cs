namespace ExperimentHub.Server.Data.Converters;

/// <summary>The snake_case words of an enum, both ways, for the database and the API.</summary>
public static class EnumNames
{
    public static IReadOnlyCollection<string> All<TEnum>()
        where TEnum : struct, Enum => Words<TEnum>.Values.Keys;

    public static string ToText<TEnum>(TEnum value)
        where TEnum : struct, Enum => Words<TEnum>.Texts[value];

    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}; expected one of {string.Join(", ", All<TEnum>())}");

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Words<TEnum>.Values.TryGetValue(text, out value);
    }

    private static class Words<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Texts = Enum.GetValues<TEnum>().ToDictionary(v => v, v => SnakeCase.From(v.ToString()));
        public static readonly Dictionary<string, TEnum> Values = Texts.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
