using FluentValidation;
using FluentValidation.Results;
using Okr.Api.Domain;
using Okr.Api.Features.CheckIns;
using Okr.Api.Features.KeyResults;
using Okr.Api.Features.Objectives;
using Okr.Api.Features.Periods;
using Okr.Api.Features.Teams;
using Okr.Api.Features.Users;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Features.Imports;

/// <summary>
/// The import's field rules are the API's: each record is put into the request the API's use case takes and checked
/// by that use case's own validator (and, for a key result's definition, by <see cref="KeyResult.Define"/>), so a
/// title, weight, number, email or check-in note is refused by the import exactly when, and with the words that, the
/// API refuses it. What the API has no field for stays with the import: natural keys (externalId, slugs and emails
/// that refer to other records) and an objective's state set directly (<see cref="Objective.Restore"/>).
/// </summary>
/// <remarks>
/// Ids the API would be given are not known yet (the file refers by key); they are filled with a placeholder that
/// passes "required", and resolving the keys is the merge's job. Failures name fields as the API does (JSON names);
/// <see cref="ImportSink"/> turns them into CSV column names.
/// </remarks>
internal sealed class FieldCheck(TimeProvider clock)
{
    private static readonly Guid Resolved = new("00000000-0000-0000-0000-000000000001");
    private static readonly CreateObjectiveCommandValidator NewObjective = new();
    private static readonly UpdateObjectiveCommandValidator ObjectiveOutcome = new();
    private static readonly CreateKeyResultRequestValidator NewKeyResult = new();
    private static readonly CreateTeamCommandValidator NewTeam = new();
    private static readonly CreateUserCommandValidator NewUser = new();
    private static readonly CreatePeriodCommandValidator NewPeriod = new();
    private static readonly IReadOnlySet<string> OutcomeFields = new HashSet<string> { "finalScore", "closingComment" };
    private readonly RecordCheckInCommandValidator _checkIn = new(clock);

    /// <summary>An objective: as <c>createObjective</c> checks it, and its outcome as <c>updateObjective</c> does when closing.</summary>
    public List<FieldProblem> Objective(ImportObjective o)
    {
        // The state an import sets directly (closed, archived) is not one a new objective may start in; it is checked below.
        var startsAs = o.State is ObjectiveState.Draft or ObjectiveState.Active ? o.State : null;
        var problems = Failures(NewObjective.Validate(new CreateObjectiveCommand(
            o.Title, Resolved, Resolved, o.Description, Weight: o.Weight, State: startsAs, ExternalId: Present(o.ExternalId),
            ProgressFrom: o.ProgressFrom, AlignedShare: o.AlignedShare)));
        problems.AddRange(Failures(ObjectiveOutcome.Validate(new UpdateObjectiveCommand(
            Guid.Empty, 0, new Patch<UpdateObjectiveRequest>(new(FinalScore: o.FinalScore, ClosingComment: o.ClosingComment), OutcomeFields)))));
        problems.AddRange(Domain(() => new Objective { Title = "" }.Restore(o.State ?? ObjectiveState.Active, o.FinalScore, o.ClosingComment)));
        return problems;
    }

    /// <summary>
    /// A key result: as <c>addKeyResult</c> checks it, then defined by the domain. Returns the key result the API would
    /// have built (type, direction, baseline and target as stored), or null when a rule refused it.
    /// </summary>
    public KeyResult? KeyResult(CreateKeyResultRequest request, List<FieldProblem> problems)
    {
        var failures = Failures(NewKeyResult.Validate(request));
        problems.AddRange(failures);
        if (failures.Count > 0) return null;
        KeyResult? built = null;
        problems.AddRange(Domain(() => built = KeyResultFactory.Create(request, Guid.Empty, clock.GetUtcNow())));
        return built;
    }

    /// <summary>A check-in: as <c>recordCheckIn</c> checks it (the milestone's 0-or-1 rule needs the key result, so the merge checks it).</summary>
    public List<FieldProblem> CheckIn(ImportCheckIn c) =>
        Failures(_checkIn.Validate(new RecordCheckInCommand(Resolved, new RecordCheckInRequest(c.Value, c.Confidence, c.Note, c.MeasuredAt), CheckInSource.Import)));

    /// <summary>A team: as <c>createTeam</c> checks it.</summary>
    public List<FieldProblem> Team(ImportTeam team) => Failures(NewTeam.Validate(new CreateTeamCommand(team.Name, team.Slug)));

    /// <summary>A person: as <c>createUser</c> checks them, apart from the password (imported people get none).</summary>
    public List<FieldProblem> User(ImportUser user) =>
        [.. Failures(NewUser.Validate(new CreateUserCommand(user.Email, user.DisplayName, "", user.Role ?? OrgRole.Member))).Where(p => p.Field != "password")];

    /// <summary>A period: as <c>createPeriod</c> checks it.</summary>
    public List<FieldProblem> Period(ImportPeriod period) => Failures(NewPeriod.Validate(new CreatePeriodCommand(period.Label, period.StartDate, period.EndDate)));

    private static List<FieldProblem> Failures(ValidationResult result) => [.. result.Errors.Select(e => new FieldProblem(e.PropertyName, e.ErrorMessage))];

    private static List<FieldProblem> Domain(Action rule)
    {
        try
        {
            rule();
            return [];
        }
        catch (DomainRuleException e)
        {
            return [new FieldProblem(e.Field, e.Message)];
        }
    }

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A rule a field broke: the field as the API names it, and the rule in the API's words.</summary>
internal readonly record struct FieldProblem(string Field, string Message);
