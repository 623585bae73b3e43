using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Cycle;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Periods;

/// <summary>Changes to a period; fields left out stay as they are.</summary>
/// <param name="Label">New unique name.</param>
/// <param name="StartDate">New first day.</param>
/// <param name="EndDate">New last day.</param>
/// <param name="State">Move forward: planning → active → closed. Closing closes every active objective of the period (final score: its progress, unless one was recorded) and archives its drafts, in the same transaction.</param>
public sealed record UpdatePeriodRequest(string? Label = null, DateOnly? StartDate = null, DateOnly? EndDate = null, PeriodState? State = null);

public sealed record UpdatePeriodCommand(Guid Id, uint IfMatch, Patch<UpdatePeriodRequest> Changes) : ICommand<PeriodDto>;

public sealed class UpdatePeriodCommandValidator : AbstractValidator<UpdatePeriodCommand>
{
    public UpdatePeriodCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Label).NotEmpty().MaximumLength(Limits.Label).SingleLine()
            .When(c => c.Changes.Has("label")).OverridePropertyName("label");
        RuleFor(c => c.Changes.Value.StartDate).NotNull().When(c => c.Changes.Has("startDate")).OverridePropertyName("startDate");
        RuleFor(c => c.Changes.Value.EndDate).NotNull().When(c => c.Changes.Has("endDate")).OverridePropertyName("endDate");
        RuleFor(c => c.Changes.Value.State).NotNull().When(c => c.Changes.Has("state")).OverridePropertyName("state");
    }
}

public sealed class UpdatePeriodCommandHandler(OkrDbContext db, AccessPolicy access, PeriodClosing closing, TimeProvider clock) : ICommandHandler<UpdatePeriodCommand, PeriodDto>
{
    public async ValueTask<PeriodDto> Handle(UpdatePeriodCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("change periods");
        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
                     ?? throw new NotFoundException("Period", command.Id);
        db.ExpectVersion(period, command.IfMatch);

        var changes = command.Changes.Value;
        if (changes.Label is not null) period.Label = changes.Label.Trim();
        if (changes.StartDate is not null || changes.EndDate is not null)
        {
            period.SetDates(changes.StartDate ?? period.StartDate, changes.EndDate ?? period.EndDate);
        }

        if (changes.State is { } state)
        {
            period.MoveTo(state);
            if (state == PeriodState.Closed) await closing.CloseObjectivesAsync(period.Id, clock.GetUtcNow(), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken); // one transaction: the period and every objective its closing changed
        return period.ToDto();
    }
}
