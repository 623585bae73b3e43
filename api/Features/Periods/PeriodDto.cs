using Okr.Api.Domain;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.Periods;

/// <summary>An OKR cycle.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Label">Name people know it by, e.g. "2026 Q4". Unique.</param>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day (inclusive).</param>
/// <param name="State">planning, active or closed.</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
public sealed record PeriodDto(Guid Id, string Label, DateOnly StartDate, DateOnly EndDate, PeriodState State, uint Version);

[Mapper]
public static partial class PeriodMapper
{
    public static partial IQueryable<PeriodDto> ProjectToDto(this IQueryable<Period> query);

    public static partial PeriodDto ToDto(this Period period);
}
