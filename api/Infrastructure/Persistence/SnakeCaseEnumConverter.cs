using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Okr.Api.Infrastructure.Persistence;

/// <summary>The snake_case words an enum is stored and spoken as: Direction.StayAbove ↔ "stay_above".</summary>
public static class SnakeCaseNames<TEnum> where TEnum : struct, Enum
{
    public static readonly IReadOnlyDictionary<TEnum, string> ToName =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    public static readonly IReadOnlyDictionary<string, TEnum> ToValue = ToName.ToDictionary(p => p.Value, p => p.Key);
}

public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => SnakeCaseNames<TEnum>.ToName[value],
    name => SnakeCaseNames<TEnum>.ToValue[name])
    where TEnum : struct, Enum;
