using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.CheckIns;

/// <summary>
/// The history of a key result, newest first (by measuredAt, then by when it was recorded). Check-ins are never changed,
/// so a syncing client asks for those recorded since its last pass (CreatedSince); After reads on from a nextCursor.
/// </summary>
public sealed record ListCheckInsQuery(Guid KeyResultId, int Page, int PageSize, DateTimeOffset? CreatedSince = null, string? After = null)
    : IQuery<CursorPage<CheckInDto>>, ICursorQuery;

public sealed class ListCheckInsQueryValidator : AbstractValidator<ListCheckInsQuery>
{
    public ListCheckInsQueryValidator() => this.RulesForCursorPaging(CheckInPosition.IsValid);
}

/// <summary>Where a check-in sits in the list: its measuredAt and createdAt (ticks, "measured.created") and its id.</summary>
internal static class CheckInPosition
{
    public static ListCursor Of(CheckInDto c) => new(FormattableString.Invariant($"{c.MeasuredAt.UtcTicks}.{c.CreatedAt.UtcTicks}"), c.Id);

    public static bool TryRead(ListCursor cursor, out DateTimeOffset measuredAt, out DateTimeOffset createdAt)
    {
        measuredAt = createdAt = default;
        var dot = cursor.Key.IndexOf('.');
        return dot > 0 && new ListCursor(cursor.Key[..dot], cursor.Id).TryTime(out measuredAt)
            && new ListCursor(cursor.Key[(dot + 1)..], cursor.Id).TryTime(out createdAt);
    }

    public static bool IsValid(ListCursor cursor) => TryRead(cursor, out _, out _);
}

public sealed class ListCheckInsQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListCheckInsQuery, CursorPage<CheckInDto>>
{
    public async ValueTask<CursorPage<CheckInDto>> Handle(ListCheckInsQuery query, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleAsync(db.Objectives, cancellationToken);
        if (!await db.KeyResults.AnyAsync(k => k.Id == query.KeyResultId && visible.Any(o => o.Id == k.ObjectiveId), cancellationToken))
        {
            throw new NotFoundException("Key result", query.KeyResultId);
        }

        var checkIns = db.CheckIns.Where(c => c.KeyResultId == query.KeyResultId);
        if (query.CreatedSince is { } since) checkIns = checkIns.Where(c => c.CreatedAt >= since);
        if (query.Cursor() is { } cursor && CheckInPosition.TryRead(cursor, out var measuredAt, out var createdAt))
        {
            var id = cursor.Id;
            checkIns = checkIns.Where(c => c.MeasuredAt < measuredAt
                || (c.MeasuredAt == measuredAt && (c.CreatedAt < createdAt || (c.CreatedAt == createdAt && c.Id.CompareTo(id) > 0))));
        }

        return await checkIns.OrderByDescending(c => c.MeasuredAt).ThenByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .ProjectToDto().ToCursorPageAsync(query, CheckInPosition.Of, cancellationToken);
    }
}
