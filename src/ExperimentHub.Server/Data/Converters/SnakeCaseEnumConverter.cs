using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExperimentHub.Server.Data.Converters;

/// <summary>Stores an enum as snake_case text (<c>TimedOut</c> as <c>timed_out</c>), the same words the API uses.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => EnumNames.ToText(v),
    v => EnumNames.Parse<TEnum>(v))
    where TEnum : struct, Enum;
