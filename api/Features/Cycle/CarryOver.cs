using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Objectives;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Cycle;

/// <summary>One objective carried into another period: the original and its copy.</summary>
/// <param name="FromId">The original.</param>
/// <param name="ToId">The copy in the target period.</param>
public sealed record CarriedObjectiveDto(Guid FromId, Guid ToId);

/// <summary>An objective a bulk carry-over left where it was, and why.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Reason">Why it was not carried over, in words.</param>
public sealed record SkippedObjectiveDto(Guid ObjectiveId, string Reason);

/// <summary>
/// Carrying unfinished objectives into the next period (docs/method.md, "The cycle"). The copy keeps title,
/// description, team, owner and weight and aligns to the copy of the original's parent when that was carried over
/// too; every key result not yet done comes along with its current value as the new baseline and the same target; the
/// original links to its copy and, if still active, is closed with its progress as the score. An objective is carried
/// over once. Changes are tracked (audited) and saved by the caller in one transaction.
/// </summary>
public sealed class CarryOver(OkrDbContext db, AccessPolicy access, PeriodProgress progress, TimeProvider clock)
{
    /// <summary>The period to carry into: it exists, is not closed and is not the objectives' own (422 naming <paramref name="field"/>).</summary>
    public async Task<Period> TargetAsync(Guid fromPeriodId, Guid toPeriodId, string field, CancellationToken ct)
    {
        var target = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == toPeriodId, ct)
                     ?? throw new DomainRuleException(field, $"Period '{toPeriodId}' does not exist.");
        if (target.Id == fromPeriodId) throw new DomainRuleException(field, "An objective is carried into another period, not into its own.");
        if (target.State == PeriodState.Closed) throw new DomainRuleException(field, "The period is closed: nothing can be carried into it.");
        return target;
    }

    /// <summary>Why <paramref name="objective"/> cannot be carried over, or null. <paramref name="progressOf"/> is its progress.</summary>
    public static string? Problem(Objective objective, decimal progressOf) =>
        objective.CarriedOverToId is not null ? "It was already carried over."
        : objective.State is ObjectiveState.Draft or ObjectiveState.Archived ? $"Only active and closed objectives are carried over; this one is {objective.State.ToString().ToLowerInvariant()}."
        : !CycleRules.IsUnfinished(progressOf) ? "It is done (progress 100%): nothing is left to carry over."
        : null;

    /// <summary>
    /// Copies <paramref name="originals"/> (tracked, all of one period) into <paramref name="target"/>, parents before
    /// children so a copy can align to its parent's copy. Those whose team or owner can no longer hold an objective are
    /// skipped with the reason.
    /// </summary>
    public async Task<(List<CarriedObjectiveDto> Carried, List<SkippedObjectiveDto> Skipped)> CopyAsync(
        IReadOnlyList<Objective> originals, Period target, IReadOnlyDictionary<Guid, decimal> progressById, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var carried = new List<CarriedObjectiveDto>();
        var skipped = new List<SkippedObjectiveDto>();
        if (originals.Count == 0) return (carried, skipped);

        var ids = originals.Select(o => o.Id).ToArray();
        var keyResults = (await db.KeyResults.AsNoTracking().Where(k => ids.Contains(k.ObjectiveId)).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(ct))
            .ToLookup(k => k.ObjectiveId);
        // Parents that were carried over before (in an earlier run) keep their copies; this run adds its own.
        var parentIds = originals.Where(o => o.ParentId is not null).Select(o => o.ParentId!.Value).Distinct().ToArray();
        var copyOf = await db.Objectives.AsNoTracking()
            // Only a copy that is still active takes the child's copy: nothing published aligns to a draft or an archived objective.
            .Where(p => parentIds.Contains(p.Id) && p.CarriedOverToId != null
                        && db.Objectives.Any(c => c.Id == p.CarriedOverToId && c.PeriodId == target.Id && c.State == ObjectiveState.Active))
            .ToDictionaryAsync(p => p.Id, p => p.CarriedOverToId!.Value, ct);
        var teams = await db.Teams.AsNoTracking().Where(t => originals.Select(o => o.TeamId).Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Archived, ct);
        var owners = originals.Where(o => o.OwnerId is not null).Select(o => o.OwnerId!.Value).Distinct().ToArray();
        var memberships = (await db.TeamMemberships.AsNoTracking().Where(m => owners.Contains(m.UserId)).Select(m => new { m.TeamId, m.UserId }).ToListAsync(ct))
            .Select(m => (m.TeamId, m.UserId)).ToHashSet();

        var inBatch = originals.ToDictionary(o => o.Id);
        var depths = Chains.Depths(originals.ToDictionary(o => o.Id, o => o.ParentId is { } p && inBatch.ContainsKey(p) ? (Guid?)p : null));
        foreach (var original in originals.OrderBy(o => depths[o.Id]))
        {
            if (teams.GetValueOrDefault(original.TeamId))
            {
                skipped.Add(new(original.Id, "Its team is archived: the copy would have nowhere to go."));
                continue;
            }

            if (original.OwnerId is { } owner && !memberships.Contains((original.TeamId, owner)))
            {
                skipped.Add(new(original.Id, "Its owner is no longer a member of its team."));
                continue;
            }

            var copy = new Objective
            {
                Title = original.Title, Description = original.Description, PeriodId = target.Id, TeamId = original.TeamId, OwnerId = original.OwnerId,
                Weight = original.Weight, ProgressFrom = original.ProgressFrom, AlignedShare = original.AlignedShare, CarriedOverFromId = original.Id, CreatedAt = now, ModifiedAt = now,
                ParentId = original.ParentId is { } parent && copyOf.TryGetValue(parent, out var parentCopy) ? parentCopy : null,
            };
            copy.Start(ObjectiveState.Active);
            db.Objectives.Add(copy);
            foreach (var keyResult in keyResults[original.Id].Where(k => CycleRules.IsUnfinished(k.Progress)))
            {
                db.KeyResults.Add(keyResult.CarryOverTo(copy.Id, now));
            }

            original.CarriedOverToId = copy.Id;
            if (original.State == ObjectiveState.Active)
            {
                original.MoveTo(ObjectiveState.Closed, null, null, progressById.GetValueOrDefault(original.Id));
            }

            original.ModifiedAt = now;
            copyOf[original.Id] = copy.Id;
            carried.Add(new(original.Id, copy.Id));
        }

        return (carried, skipped);
    }

    /// <summary>The progress of every objective of the period, for <see cref="Problem"/> and the closing score.</summary>
    public Task<Dictionary<Guid, decimal>> ProgressAsync(Guid periodId, CancellationToken ct) => progress.OfPeriodAsync(periodId, ct);

    /// <summary>Carries one objective: 404 when hidden, 403 when the caller may not write it, 409 when it was carried before, 422 for the rest.</summary>
    public async Task<Guid> CarryOneAsync(Guid objectiveId, Guid toPeriodId, CancellationToken ct)
    {
        await access.EnsureVisibleAsync(objectiveId, ct);
        var original = await db.Objectives.SingleOrDefaultAsync(o => o.Id == objectiveId, ct) ?? throw new NotFoundException("Objective", objectiveId);
        // Carrying over is the cycle's own move out of a period, so a closed source period does not stop it.
        await access.EnsureCanWriteObjectiveAsync(original.TeamId, original.OwnerId, ct);
        if (original.CarriedOverToId is { } existing) throw new ConflictException($"This objective was already carried over, to objective '{existing}'.");
        var target = await TargetAsync(original.PeriodId, toPeriodId, "periodId", ct);
        var progressById = await progress.OfPeriodAsync(original.PeriodId, ct);
        if (Problem(original, progressById.GetValueOrDefault(original.Id)) is { } problem) throw new DomainRuleException("state", problem);
        await ObjectiveReferences.EnsureTeamAndOwnerAsync(db, original.TeamId, original.OwnerId, ct);
        var (carried, _) = await CopyAsync([original], target, progressById, ct);
        await db.SaveChangesAsync(ct);
        return carried.Single().ToId;
    }
}
