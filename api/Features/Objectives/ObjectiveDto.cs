using Okr.Api.Domain;
using Okr.Api.Features.KeyResults;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Objectives;

/// <summary>An objective with its key results and progress.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Title">What will be achieved: "I will [title] as measured by [key results]".</param>
/// <param name="Description">Why it matters.</param>
/// <param name="PeriodId">The period it belongs to.</param>
/// <param name="TeamId">The owning team.</param>
/// <param name="OwnerId">The owning person, for an individual objective.</param>
/// <param name="ParentId">The objective it aligns to.</param>
/// <param name="Level">company (owned by the company team), team, or individual (has an owner).</param>
/// <param name="Weight">Weight in the parent's roll-up.</param>
/// <param name="State">draft, active, closed or archived.</param>
/// <param name="ProgressFrom">Where its progress comes from: key_results (the default: the weighted mean of its key results, or of the aligned objectives when it has none), aligned (the weighted mean of the active and closed objectives aligned to it, or its key results when none are), or both (blended by alignedShare). docs/method.md, "Roll-up".</param>
/// <param name="AlignedShare">0..1: with progressFrom both, the share of progress that comes from the aligned objectives (the rest from its key results); default 0.5.</param>
/// <param name="KeyResultShare">0..1: how much of progress its own key results make as computed now (1: only they, 0: only the aligned objectives); differs from 1 − alignedShare when one source is empty and gives way to the other.</param>
/// <param name="Progress">0..1, as progressFrom says.</param>
/// <param name="ExpectedProgress">0..1: where progress should be by now: for the share its key results make, the weighted mean of their expected pace (each from the period's start, or from when it was added); for the share aligned objectives make (and without key results), the share of the period elapsed.</param>
/// <param name="Status">on_track, behind or at_risk: progress against expectedProgress and the lowest confidence; not_started before its period starts or, when only its key results make its progress, while every key result is; closed once the objective is closed or archived (finalScore then speaks for it).</param>
/// <param name="FinalScore">The outcome recorded at closing, 0..1.</param>
/// <param name="ClosingComment">What was learned, recorded at closing.</param>
/// <param name="ExternalId">Key in an external system, unique; used by imports.</param>
/// <param name="CarriedOverFromId">The objective of an earlier period this one continues, if it was carried over.</param>
/// <param name="CarriedOverToId">The copy that continues it in a later period, once carried over.</param>
/// <param name="KeyResults">Its key results, oldest first.</param>
/// <param name="Version">Concurrency version; also sent as the ETag.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ModifiedAt">When it last changed.</param>
/// <param name="Permissions">What the caller may do with it.</param>
public sealed record ObjectiveDto(
    Guid Id, string Title, string? Description, Guid PeriodId, Guid TeamId, Guid? OwnerId, Guid? ParentId, ObjectiveLevel Level,
    decimal Weight, ObjectiveState State, ProgressSource ProgressFrom, decimal AlignedShare, decimal KeyResultShare, decimal Progress, decimal ExpectedProgress, Status Status, decimal? FinalScore,
    string? ClosingComment, string? ExternalId, Guid? CarriedOverFromId, Guid? CarriedOverToId, IReadOnlyList<KeyResultDto> KeyResults, uint Version, DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt, ObjectivePermissions Permissions);
