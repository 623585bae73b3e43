using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.KeyResults;

/// <summary>What a key result measures: the part of it a re-scope changes.</summary>
/// <param name="Type">metric or milestone (kept once the key result has check-ins).</param>
/// <param name="Direction">increase, decrease, stay_above or stay_below.</param>
/// <param name="Baseline">Where it starts.</param>
/// <param name="Target">Where it must get to.</param>
public sealed record KeyResultDefinition(KeyResultType Type, Direction Direction, decimal Baseline, decimal Target);

/// <summary>
/// A re-scope: a change of direction, baseline or target (or, before any check-in, of type). It moves progress without
/// a measurement, so it is kept and shown next to the check-ins (the web app marks it on the chart).
/// </summary>
/// <param name="At">When it was made.</param>
/// <param name="ActorUserId">Who made it; null for an API client.</param>
/// <param name="ActorClientId">The API client that made it, if one did.</param>
/// <param name="ImportId">The bulk import that made it, if one did.</param>
/// <param name="Before">The definition before.</param>
/// <param name="After">The definition after.</param>
public sealed record RescopeDto(DateTimeOffset At, Guid? ActorUserId, Guid? ActorClientId, Guid? ImportId, KeyResultDefinition Before, KeyResultDefinition After);

/// <summary>The re-scopes of a key result, newest first (the latest <see cref="Limit"/>), read from its audit log.</summary>
public sealed record ListRescopesQuery(Guid KeyResultId) : IQuery<IReadOnlyList<RescopeDto>>
{
    public const int Limit = 100;
}

public sealed class ListRescopesQueryHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock) : IQueryHandler<ListRescopesQuery, IReadOnlyList<RescopeDto>>
{
    private static readonly string[] DefinitionFields = ["type", "direction", "baseline", "target"];

    public async ValueTask<IReadOnlyList<RescopeDto>> Handle(ListRescopesQuery query, CancellationToken cancellationToken)
    {
        var (row, _) = await KeyResultQueries.RowAsync(db, access, query.KeyResultId, clock.GetUtcNow(), cancellationToken);
        var entries = await db.AuditEntries
            .FromSql($"""
                SELECT * FROM audit_log
                WHERE entity_type = 'key_result' AND entity_id = {query.KeyResultId} AND action = 'updated'
                  AND jsonb_exists_any(changes, {DefinitionFields})
                """)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(ListRescopesQuery.Limit)
            .Select(a => new { a.At, a.ActorUserId, a.ActorClientId, a.ImportId, a.Changes })
            .ToListAsync(cancellationToken);

        // Walk back from the definition as it stands: each entry's old values give the definition before it.
        var after = new KeyResultDefinition(row.Type, row.Direction, row.Baseline, row.Target);
        var rescopes = new List<RescopeDto>(entries.Count);
        foreach (var entry in entries)
        {
            using var changes = JsonDocument.Parse(entry.Changes);
            var before = after;
            foreach (var field in changes.RootElement.EnumerateObject())
            {
                var old = field.Value.GetProperty("old");
                before = field.Name switch
                {
                    "type" => before with { Type = SnakeCaseNames<KeyResultType>.ToValue[old.GetString()!] },
                    "direction" => before with { Direction = SnakeCaseNames<Direction>.ToValue[old.GetString()!] },
                    "baseline" => before with { Baseline = old.GetDecimal() },
                    "target" => before with { Target = old.GetDecimal() },
                    _ => before,
                };
            }

            rescopes.Add(new RescopeDto(entry.At, entry.ActorUserId, entry.ActorClientId, entry.ImportId, before, after));
            after = before;
        }

        return rescopes;
    }
}
