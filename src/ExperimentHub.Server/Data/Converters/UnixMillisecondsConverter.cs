using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ExperimentHub.Server.Data.Converters;

/// <summary>
/// Times are stored as INTEGER Unix milliseconds (UTC): SQLite can then order and compare them in SQL, which
/// EF cannot do with its default TEXT mapping of DateTimeOffset, and raw SQL paths stay simple.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
