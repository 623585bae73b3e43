using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Objectives;

/// <summary>Changes to an objective; fields left out stay as they are, fields sent as null are cleared.</summary>
/// <param name="Title">New title.</param>
/// <param name="Description">New description; null clears it.</param>
/// <param name="TeamId">New owning team.</param>
/// <param name="OwnerId">New owning person; null makes it a team (or company) objective.</param>
/// <param name="ParentId">New parent objective; null detaches it.</param>
/// <param name="Weight">New weight in the parent's roll-up, 0..1000.</param>
/// <param name="State">Move along draft → active → closed, archive (any state) or restore an archived one to draft.</param>
/// <param name="FinalScore">The outcome, 0..1, when closing (default: the progress reached).</param>
/// <param name="ClosingComment">What was learned, when closing.</param>
/// <param name="ExternalId">New external key; null clears it.</param>
/// <param name="ProgressFrom">Where its progress comes from: key_results, aligned or both (docs/method.md, "Roll-up").</param>
/// <param name="AlignedShare">0..1: with progressFrom both, the share that comes from aligned objectives.</param>
public sealed record UpdateObjectiveRequest(
    string? Title = null, string? Description = null, Guid? TeamId = null, Guid? OwnerId = null, Guid? ParentId = null,
    decimal? Weight = null, ObjectiveState? State = null, decimal? FinalScore = null, string? ClosingComment = null, string? ExternalId = null,
    ProgressSource? ProgressFrom = null, decimal? AlignedShare = null);

public sealed record UpdateObjectiveCommand(Guid Id, uint IfMatch, Patch<UpdateObjectiveRequest> Changes) : ICommand<ObjectiveDto>;

public sealed class UpdateObjectiveCommandValidator : AbstractValidator<UpdateObjectiveCommand>
{
    public UpdateObjectiveCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine().When(c => c.Changes.Has("title")).OverridePropertyName("title");
        RuleFor(c => c.Changes.Value.Description).MaximumLength(Limits.Description).OverridePropertyName("description");
        RuleFor(c => c.Changes.Value.TeamId).NotEmpty().When(c => c.Changes.Has("teamId")).OverridePropertyName("teamId");
        RuleFor(c => c.Changes.Value.Weight).NotNull().When(c => c.Changes.Has("weight")).OverridePropertyName("weight");
        RuleFor(c => c.Changes.Value.Weight).InclusiveBetween(0, Limits.MaxWeight).OverridePropertyName("weight");
        RuleFor(c => c.Changes.Value.ProgressFrom).NotNull().When(c => c.Changes.Has("progressFrom")).OverridePropertyName("progressFrom");
        RuleFor(c => c.Changes.Value.AlignedShare).NotNull().When(c => c.Changes.Has("alignedShare")).OverridePropertyName("alignedShare");
        RuleFor(c => c.Changes.Value.AlignedShare).InclusiveBetween(0, 1).OverridePropertyName("alignedShare");
        RuleFor(c => c.Changes.Value.State).NotNull().When(c => c.Changes.Has("state")).OverridePropertyName("state");
        RuleFor(c => c.Changes.Value.FinalScore).InclusiveBetween(0, 1).OverridePropertyName("finalScore");
        RuleFor(c => c.Changes.Value.ClosingComment).MaximumLength(Limits.Description).OverridePropertyName("closingComment");
        RuleFor(c => c.Changes.Value.ExternalId).MaximumLength(Limits.ExternalId).SingleLine().Must(e => e is null || e.Trim().Length > 0)
            .WithMessage("'externalId' must not be blank.").OverridePropertyName("externalId");
    }
}

public sealed class UpdateObjectiveCommandHandler(
    OkrDbContext db, AccessPolicy access, AlignmentGuard alignment, ObjectiveReader reader, TimeProvider clock)
    : ICommandHandler<UpdateObjectiveCommand, ObjectiveDto>
{
    public async ValueTask<ObjectiveDto> Handle(UpdateObjectiveCommand command, CancellationToken cancellationToken)
    {
        await access.EnsureVisibleAsync(command.Id, cancellationToken);
        var objective = await db.Objectives.SingleOrDefaultAsync(o => o.Id == command.Id, cancellationToken)
                        ?? throw new NotFoundException("Objective", command.Id);
        await access.EnsureCanWriteObjectiveAsync(objective.TeamId, objective.OwnerId, cancellationToken);
        access.EnsurePeriodAllowsWrite(await db.Periods.Where(p => p.Id == objective.PeriodId).Select(p => p.State).SingleAsync(cancellationToken));
        db.ExpectVersion(objective, command.IfMatch);

        var (changes, has) = (command.Changes.Value, command.Changes);
        var teamId = changes.TeamId ?? objective.TeamId;
        var ownerId = has.Has("ownerId") ? changes.OwnerId : objective.OwnerId;
        var parentId = has.Has("parentId") ? changes.ParentId : objective.ParentId;
        var placeChanged = teamId != objective.TeamId || ownerId != objective.OwnerId;
        var (weightBefore, parentBefore, stateBefore) = (objective.Weight, objective.ParentId, objective.State);
        var rollUpBefore = (objective.ProgressFrom, objective.AlignedShare);
        // Fields sent with the value they already have change nothing and need no right.
        var changed = has.Fields.Where(f => f switch
        {
            "teamId" => teamId != objective.TeamId,
            "ownerId" => ownerId != objective.OwnerId,
            _ => true,
        });
        await access.EnsureMayChangeAsync(FieldRights.Objective, changed, objective.TeamId, objective.OwnerId, cancellationToken);

        if (placeChanged)
        {
            await ObjectiveReferences.EnsureTeamAndOwnerAsync(db, teamId, ownerId, cancellationToken);
            await access.EnsureCanWriteObjectiveAsync(teamId, ownerId, cancellationToken);
        }

        if (placeChanged || parentId != objective.ParentId)
        {
            var teams = await alignment.TeamsAsync(cancellationToken);
            var self = new AlignmentNode(objective.Id, Objective.LevelOf(teams.IsCompany(teamId), ownerId), teamId, objective.PeriodId);
            if (parentId is { } parent) await alignment.EnsureCanAlignAsync(self, parent, teams, cancellationToken);
            if (placeChanged)
            {
                await alignment.EnsureChildrenStillFitAsync(self, teams, teamId != objective.TeamId ? "teamId" : "ownerId", cancellationToken);
            }
        }

        if (changes.Title is not null) objective.Title = changes.Title.Trim();
        if (has.Has("description")) objective.Description = changes.Description;
        if (has.Has("externalId")) objective.ExternalId = changes.ExternalId?.Trim();
        if (changes.Weight is { } weight) objective.Weight = weight;
        if (changes.ProgressFrom is { } from) objective.ProgressFrom = from;
        if (changes.AlignedShare is { } share) objective.AlignedShare = share;
        (objective.TeamId, objective.OwnerId, objective.ParentId) = (teamId, ownerId, parentId);

        if (changes.State is { } next && next != objective.State)
        {
            // An archived objective has nothing aligned to it (and a draft only drafts: a draft cannot be reached from another state).
            if (next == ObjectiveState.Archived)
            {
                var aligned = await db.Objectives.CountAsync(o => o.ParentId == objective.Id && o.State != ObjectiveState.Archived, cancellationToken);
                if (Domain.Alignment.ArchivingProblem(aligned) is { } problem) throw new DomainRuleException("state", problem);
            }
        }

        // The suggested score is the progress as stored; a roll-up changed in the same request is not stored yet.
        if (changes.State == ObjectiveState.Closed && changes.FinalScore is null && objective.State != ObjectiveState.Closed
            && (objective.ProgressFrom, objective.AlignedShare) != rollUpBefore)
        {
            throw new DomainRuleException("state", "Change where its progress comes from first, then close it: the score is the progress it then shows (or send finalScore).");
        }

        if (changes.State is not null || changes.FinalScore is not null || changes.ClosingComment is not null)
        {
            var progress = changes.State == ObjectiveState.Closed && changes.FinalScore is null
                ? (await reader.GetAsync(objective.Id, cancellationToken)).Progress
                : 0;
            objective.MoveTo(changes.State ?? objective.State, changes.FinalScore, changes.ClosingComment, progress);
        }

        // Only real changes are judged: a form that sends the weight and parent it read back changes nothing.
        var linkChanged = objective.ParentId != parentBefore;
        if ((objective.Weight != weightBefore || linkChanged) && objective.ParentId is { } weighedIn)
        {
            await alignment.EnsureMayWeighAsync(weighedIn, objective.Weight, cancellationToken);
        }

        // The link as it will stand (new state, new parent): nothing but drafts aligns to a draft, nothing but archived objectives to an archived one.
        if ((objective.State != stateBefore || linkChanged) && objective.ParentId is { } parentOfIt)
        {
            var parentState = await db.Objectives.Where(o => o.Id == parentOfIt).Select(o => o.State).SingleAsync(cancellationToken);
            if (Domain.Alignment.LinkProblem(objective.State, parentState) is { } problem)
            {
                throw new DomainRuleException("parentId", $"{problem} (Or send parentId: null.)");
            }
        }

        objective.ModifiedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await reader.GetAsync(objective.Id, cancellationToken, justWritten: true);
    }
}
