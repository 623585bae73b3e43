using Okr.Api.Domain;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.CheckIns;

/// <summary>One measurement of a key result.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="KeyResultId">The key result measured.</param>
/// <param name="Value">The value measured (milestones: 1 done, 0 not done).</param>
/// <param name="Confidence">0..10: how sure the author is that the target will be reached.</param>
/// <param name="Note">What happened, what is next.</param>
/// <param name="MeasuredAt">The moment the value applies to.</param>
/// <param name="AuthorId">The person who checked in; null when an API client did.</param>
/// <param name="ApiClientId">The API client that checked in, when an integration did.</param>
/// <param name="Source">web, api or import.</param>
/// <param name="CreatedAt">When the check-in was recorded.</param>
public sealed record CheckInDto(
    Guid Id, Guid KeyResultId, decimal Value, int Confidence, string? Note, DateTimeOffset MeasuredAt, Guid? AuthorId, Guid? ApiClientId, CheckInSource Source,
    DateTimeOffset CreatedAt);

[Mapper]
public static partial class CheckInMapper
{
    public static partial IQueryable<CheckInDto> ProjectToDto(this IQueryable<CheckIn> query);

    public static partial CheckInDto ToDto(this CheckIn checkIn);
}
