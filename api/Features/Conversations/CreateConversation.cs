using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Something to put on the agenda.</summary>
/// <param name="Text">What to talk about (plain text, 1..500 characters).</param>
/// <param name="ObjectiveId">An objective it is about (one the caller may read).</param>
/// <param name="KeyResultId">A key result it is about (its objective is then implied).</param>
public sealed record AgendaItemRequest(string Text, Guid? ObjectiveId = null, Guid? KeyResultId = null);

public sealed class AgendaItemRequestValidator : AbstractValidator<AgendaItemRequest>
{
    public AgendaItemRequestValidator() => RuleFor(a => a.Text).NotEmpty().MaximumLength(Limits.ItemText);
}

/// <summary>A 1:1 to schedule.</summary>
/// <param name="EmployeeId">The person whose OKRs are revisited.</param>
/// <param name="ManagerId">Their manager; default: the person's managerId. Only an admin picks someone else.</param>
/// <param name="ScheduledAt">When (ISO 8601 with offset).</param>
/// <param name="Title">Its name (default "1:1").</param>
/// <param name="Agenda">What to talk about, to start with.</param>
public sealed record CreateConversationCommand(
    Guid EmployeeId, DateTimeOffset ScheduledAt, Guid? ManagerId = null, string? Title = null, IReadOnlyList<AgendaItemRequest>? Agenda = null)
    : ICommand<ConversationDto>;

public sealed class CreateConversationCommandValidator : AbstractValidator<CreateConversationCommand>
{
    public CreateConversationCommandValidator()
    {
        RuleFor(c => c.EmployeeId).NotEmpty();
        RuleFor(c => c.ScheduledAt).NotEmpty().Must(ConversationTimes.InRange).WithMessage(ConversationTimes.Message);
        RuleFor(c => c.Title).MaximumLength(Limits.Title).SingleLine().Must(t => t is null || t.Trim().Length > 0).WithMessage("'title' must not be blank.");
        RuleFor(c => c.Agenda).MaxItems(50).WithMessage("At most 50 agenda items to start with.");
        RuleForEach(c => c.Agenda).SetValidator(new AgendaItemRequestValidator());
    }
}

/// <summary>
/// The manager schedules with their report, or the person with their own manager; an admin schedules anyone, with
/// any manager. The manager defaults to the person's own (422 <c>managerId</c> when they have none or it would be themselves).
/// </summary>
public sealed class CreateConversationCommandHandler(OkrDbContext db, ICurrentUser user, ConversationAccess access, AgendaReferences references, ConversationReader reader)
    : ICommandHandler<CreateConversationCommand, ConversationDto>
{
    public async ValueTask<ConversationDto> Handle(CreateConversationCommand command, CancellationToken cancellationToken)
    {
        access.EnsureClientMayRead();
        if (user.IsClient) throw new Infrastructure.Errors.ForbiddenException("API clients read performance conversations; their participants schedule them.");
        var employee = await db.Users.AsNoTracking().Where(u => u.Id == command.EmployeeId).Select(u => new { u.Id, u.ManagerId, u.Active }).SingleOrDefaultAsync(cancellationToken)
                       ?? throw new DomainRuleException("employeeId", $"User '{command.EmployeeId}' does not exist.");
        if (!employee.Active) throw new DomainRuleException("employeeId", "The person is deactivated.");
        var managerId = command.ManagerId ?? employee.ManagerId;
        if (Conversation.ParticipantsProblem(employee.Id, managerId) is { } problem) throw new DomainRuleException("managerId", problem);
        if (!user.IsAdmin)
        {
            if (command.ManagerId is { } chosen && chosen != employee.ManagerId)
            {
                throw new DomainRuleException("managerId", "Only an admin schedules a conversation with someone other than the person's own manager.");
            }

            if (user.Id != managerId && user.Id != employee.Id)
            {
                throw new DomainRuleException("employeeId", "You schedule 1:1s with the people who report to you (or, for yourself, with your manager).");
            }
        }

        if (!await db.Users.AnyAsync(u => u.Id == managerId && u.Active, cancellationToken))
        {
            throw new DomainRuleException("managerId", $"User '{managerId}' does not exist or is deactivated.");
        }

        var conversation = new Conversation
        {
            EmployeeId = employee.Id, ManagerId = managerId!.Value, ScheduledAt = command.ScheduledAt.ToUniversalTime(),
            Title = command.Title?.Trim() ?? Conversation.DefaultTitle,
        };
        db.Conversations.Add(conversation);
        foreach (var (item, i) in (command.Agenda ?? []).Select((item, i) => (item, i)))
        {
            db.AgendaItems.Add(await references.NewItemAsync(conversation.Id, item, $"agenda[{i}]", cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return await reader.GetAsync(conversation.Id, cancellationToken);
    }
}

/// <summary>Conversations happen this century: a time outside is a typo (and would overflow the packet's window arithmetic).</summary>
public static class ConversationTimes
{
    public const string Message = "'{PropertyName}' must be between 2000-01-01 and 2099-12-31.";

    public static bool InRange(DateTimeOffset at) => at.UtcDateTime.Year is >= 2000 and <= 2099;

    public static bool InRange(DateTimeOffset? at) => at is null || InRange(at.Value);
}
