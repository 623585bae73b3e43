using System.Text.Json.Serialization;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.OpenApi;

namespace Okr.Api.Features.Imports;

/// <summary>
/// The JSON import and export format: one document whose parts refer to each other by natural keys (team slug,
/// user email, period label, externalId of objectives and key results). Every part is optional; what is left out of
/// the document is left alone in Okr (an import never deletes).
/// </summary>
/// <param name="Teams">Teams, upserted by slug.</param>
/// <param name="Users">People, upserted by email.</param>
/// <param name="Periods">Periods, upserted by label.</param>
/// <param name="Objectives">Objectives, upserted by externalId.</param>
/// <param name="KeyResults">Key results, upserted by externalId.</param>
/// <param name="CheckIns">Check-ins: history, added once per key result and measuredAt.</param>
[OptionalFieldsStayOptional]
public sealed record ImportDocument(
    IReadOnlyList<ImportTeam>? Teams = null,
    IReadOnlyList<ImportUser>? Users = null,
    IReadOnlyList<ImportPeriod>? Periods = null,
    IReadOnlyList<ImportObjective>? Objectives = null,
    IReadOnlyList<ImportKeyResult>? KeyResults = null,
    IReadOnlyList<ImportCheckIn>? CheckIns = null);

/// <summary>A team. Exactly one team of the organisation has no parent: the company.</summary>
/// <param name="Slug">Its key: lower-case letters, digits and dashes.</param>
/// <param name="Name">Display name.</param>
/// <param name="Parent">Slug of the parent team; null for the company.</param>
/// <param name="Archived">Archived teams keep their history; the app gives them no new objectives. Left out: false for a new team, unchanged for an existing one.</param>
[OptionalFieldsStayOptional]
public sealed record ImportTeam(string Slug, string Name, string? Parent = null, bool? Archived = null);

/// <summary>
/// A person. New people get no password: they sign in through the organisation's identity provider, or an admin
/// sets one.
/// </summary>
/// <param name="Email">Their key (case-insensitive).</param>
/// <param name="DisplayName">Name shown in Okr.</param>
/// <param name="Role">admin, member or viewer. Left out: new people are members, existing ones keep theirs.</param>
/// <param name="Manager">Email of their manager.</param>
/// <param name="Teams">Teams they belong to; memberships not listed are left alone.</param>
/// <param name="Active">False for someone who has left: they cannot sign in, their OKRs and history stay. Left out: new people are active, existing ones keep theirs.</param>
[OptionalFieldsStayOptional]
public sealed record ImportUser(string Email, string DisplayName, OrgRole? Role = null, string? Manager = null, IReadOnlyList<ImportMembership>? Teams = null, bool? Active = null);

/// <summary>A person's place in a team.</summary>
/// <param name="Team">Slug of the team.</param>
/// <param name="Role">lead or member (default member).</param>
[OptionalFieldsStayOptional]
public sealed record ImportMembership(string Team, TeamRole? Role = null);

/// <summary>A period.</summary>
/// <param name="Label">Its key, e.g. "2026-Q3".</param>
/// <param name="StartDate">First day.</param>
/// <param name="EndDate">Last day.</param>
/// <param name="State">planning, active or closed. Left out: a new period starts in planning, an existing one keeps its state. Periods only move forward.</param>
[OptionalFieldsStayOptional]
public sealed record ImportPeriod(string Label, [property: JsonRequired] DateOnly StartDate, [property: JsonRequired] DateOnly EndDate, PeriodState? State = null);

/// <summary>An objective. Fields left out take their defaults, so a re-run of the same file changes nothing.</summary>
/// <param name="ExternalId">Its key. An objective created in Okr without one is matched by its id.</param>
/// <param name="Title">What will be achieved.</param>
/// <param name="Period">Label of its period.</param>
/// <param name="Team">Slug of the owning team (the company team makes it a company objective).</param>
/// <param name="Description">Why it matters.</param>
/// <param name="Owner">Email of the owning person (an individual objective); they must belong to the team.</param>
/// <param name="Parent">externalId of the objective it aligns to: of a higher level, in the same period.</param>
/// <param name="Weight">Weight in the parent's roll-up, 0..1000 (default 1).</param>
/// <param name="State">draft, active, closed or archived (default active). An import sets it directly: it brings in history.</param>
/// <param name="FinalScore">Outcome 0..1 recorded at closing (kept when a closed objective is archived); not for an active objective.</param>
/// <param name="ClosingComment">Comment recorded at closing; not for an active objective.</param>
/// <param name="ProgressFrom">key_results (default), aligned or both: where its progress comes from (docs/method.md, "Roll-up").</param>
/// <param name="AlignedShare">0..1 (default 0.5): with progressFrom both, the share that comes from the aligned objectives.</param>
[OptionalFieldsStayOptional]
public sealed record ImportObjective(
    string ExternalId,
    string Title,
    string Period,
    string Team,
    string? Description = null,
    string? Owner = null,
    string? Parent = null,
    decimal? Weight = null,
    ObjectiveState? State = null,
    decimal? FinalScore = null,
    string? ClosingComment = null,
    ProgressSource? ProgressFrom = null,
    decimal? AlignedShare = null);

/// <summary>A key result. Fields left out take their defaults.</summary>
/// <param name="ExternalId">Its key. A key result created in Okr without one is matched by its id.</param>
/// <param name="Objective">externalId of its objective.</param>
/// <param name="Title">What it measures.</param>
/// <param name="Type">metric (default) or milestone.</param>
/// <param name="Direction">increase, decrease, stay_above or stay_below; required for a metric.</param>
/// <param name="Baseline">Where it starts; required for a metric.</param>
/// <param name="Target">Where it must get to; required for a metric.</param>
/// <param name="Unit">number (default), percent, currency or a custom label.</param>
/// <param name="CurrencyCode">ISO 4217 code when the unit is currency.</param>
/// <param name="Weight">Weight in the objective's progress, 0..1000 (default 1).</param>
/// <param name="Owner">Email of the accountable person.</param>
/// <param name="CadenceDays">How often a check-in is expected, 1..366 days (default 7).</param>
[OptionalFieldsStayOptional]
public sealed record ImportKeyResult(
    string ExternalId,
    string Objective,
    string Title,
    KeyResultType? Type = null,
    Direction? Direction = null,
    decimal? Baseline = null,
    decimal? Target = null,
    string? Unit = null,
    string? CurrencyCode = null,
    decimal? Weight = null,
    string? Owner = null,
    int? CadenceDays = null);

/// <summary>A check-in. Check-ins are history: one per key result and measuredAt, never changed once written.</summary>
/// <param name="KeyResult">externalId of the key result.</param>
/// <param name="Value">The measured value (milestones: 1 done, 0 not done).</param>
/// <param name="MeasuredAt">When the value applies (UTC).</param>
/// <param name="Confidence">0..10 (default 5).</param>
/// <param name="Note">What happened.</param>
/// <param name="Author">Email of the person who measured it. Left out, the check-in has no author (the audit log records who imported it).</param>
[OptionalFieldsStayOptional]
public sealed record ImportCheckIn(string KeyResult, [property: JsonRequired] decimal Value, [property: JsonRequired] DateTimeOffset MeasuredAt, int? Confidence = null, string? Note = null, string? Author = null);
