using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Events;

/// <param name="After">The cursor to read after (nextCursor of the previous page); absent: from the oldest event kept.</param>
/// <param name="Types">Only these event types, comma-separated (e.g. "check_in.created,key_result.status_changed").</param>
/// <param name="Limit">Events per page, 1 to 500; default 100.</param>
public sealed record ListEventsQuery(string? After, string? Types, int Limit) : IQuery<EventPageDto>;

public sealed class ListEventsQueryValidator : AbstractValidator<ListEventsQuery>
{
    public const int MaxLimit = 500;

    public ListEventsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"'limit' must be between 1 and {MaxLimit}.");
        RuleFor(q => q.After).Must(a => a is null || EventCursor.TryParse(a, out _))
            .WithMessage("'after' must be a cursor from nextCursor of an earlier page.");
        RuleFor(q => q.Types).Custom((types, context) =>
        {
            foreach (var type in EventCursor.SplitTypes(types))
            {
                if (!EventTypes.IsKnown(type)) context.AddFailure("types", $"'{type}' is not an event type. Known: {string.Join(", ", EventTypes.All)}.");
            }
        });
    }
}

/// <summary>
/// The stream's position: (transaction, sequence). Events are listed in that order and only once every transaction
/// before them has finished (below the snapshot's xmin), so an event that commits late is never skipped by a reader
/// that already read past its sequence number.
/// </summary>
public readonly record struct EventCursor(ulong Transaction, long Sequence)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Transaction}-{Sequence}");

    public static bool TryParse(string text, out EventCursor cursor)
    {
        cursor = default;
        var parts = text.Split('-');
        if (parts.Length != 2 || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
                              || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) return false;
        cursor = new EventCursor(tx, seq);
        return true;
    }

    public static IEnumerable<string> SplitTypes(string? types) => (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class ListEventsQueryHandler(OkrDbContext db, ICurrentUser user) : IQueryHandler<ListEventsQuery, EventPageDto>
{
    public async ValueTask<EventPageDto> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin && !(user.IsClient && user.Scope == ClientScope.Events))
        {
            throw new ForbiddenException("The event stream is for admins and API clients with the events scope.");
        }

        var cursor = query.After is null ? new EventCursor(0, 0) : EventCursor.TryParse(query.After, out var c) ? c : default;
        var types = EventCursor.SplitTypes(query.Types).ToArray();
        // Admins read everything they may read: drafts and conversations too. Clients never see drafts or conversations.
        var audiences = user.IsAdmin ? new[] { EventAudience.Everyone, EventAudience.Draft, EventAudience.Conversation } : [EventAudience.Everyone];
        var tx = cursor.Transaction.ToString(CultureInfo.InvariantCulture);
        var events = db.Events.FromSql($"""
                SELECT * FROM events
                WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  AND (transaction_id, sequence) > ({tx}::xid8, {cursor.Sequence})
                """)
            .AsNoTracking()
            .Where(e => audiences.Contains(e.Audience));
        if (types.Length > 0) events = events.Where(e => types.Contains(e.Type));
        var page = await events.OrderBy(e => e.TransactionId).ThenBy(e => e.Sequence).Take(query.Limit).ToListAsync(cancellationToken);
        var next = page.Count == 0 ? cursor : new EventCursor(page[^1].TransactionId, page[^1].Sequence);
        return new EventPageDto([.. page.Select(EventDto.From)], next.ToString());
    }
}
