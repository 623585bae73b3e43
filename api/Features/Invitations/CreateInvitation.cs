using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>A team to put the invited person in.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="Role">lead or member.</param>
public sealed record InvitationTeam(Guid TeamId, TeamRole Role);

/// <summary>Someone to invite.</summary>
/// <param name="Email">Where the link goes; must not have an account yet (409).</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Role">admin, member or viewer (a team lead invites members and viewers).</param>
/// <param name="Teams">Teams to join (a team lead: teams they lead).</param>
/// <param name="ManagerId">Their manager.</param>
public sealed record CreateInvitationCommand(string Email, string DisplayName, OrgRole Role, IReadOnlyList<InvitationTeam>? Teams = null, Guid? ManagerId = null)
    : ICommand<InvitationDto>;

public sealed class CreateInvitationCommandValidator : AbstractValidator<CreateInvitationCommand>
{
    public CreateInvitationCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Limits.Email).Must(User.IsEmailAddress).WithMessage("'email' is not a valid email address.");
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.Teams).MaxItems(NewMemberTeams.Max).WithMessage($"At most {NewMemberTeams.Max} teams.");
        RuleForEach(c => c.Teams).NotNull().WithMessage("A team to join is { \"teamId\", \"role\" }, not null.")
            .ChildRules(t => t.RuleFor(x => x.Role).IsInEnum());
    }
}

/// <summary>
/// Admins invite anyone; a team lead invites members and viewers into teams they lead. The person is created as
/// invited (no password), with their teams and manager, and gets a single-use link valid 7 days
/// (<c>Okr:Accounts:InvitationDays</c>) by email — or, without a mail server, in this answer once.
/// </summary>
public sealed class CreateInvitationCommandHandler(OkrDbContext db, ICurrentUser caller, AccessPolicy access, AccountLinks links, TimeProvider clock)
    : ICommandHandler<CreateInvitationCommand, InvitationDto>
{
    public async ValueTask<InvitationDto> Handle(CreateInvitationCommand command, CancellationToken cancellationToken)
    {
        if (caller.IsClient || !caller.MayWrite) throw new ForbiddenException("Admins and team leads invite people.");
        var teams = command.Teams ?? [];
        if (!caller.IsAdmin)
        {
            var leads = await access.LeadTeamsAsync(cancellationToken);
            if (leads.Length == 0) throw new ForbiddenException("Admins and team leads invite people.");
            if (command.Role == OrgRole.Admin) throw new ForbiddenException("Only an admin invites an admin.");
            if (teams.Count == 0 || teams.Any(t => !leads.Contains(t.TeamId)))
            {
                throw new ForbiddenException("A team lead invites people into the teams they lead: name at least one, and only those.");
            }
        }

        await NewMemberTeams.EnsureJoinableAsync(db, teams, cancellationToken);

        if (command.ManagerId is { } managerId && !await db.Users.AnyAsync(u => u.Id == managerId && u.Active, cancellationToken))
        {
            throw new DomainRuleException("managerId", $"User '{managerId}' does not exist.");
        }

        var email = User.NormaliseEmail(command.Email);
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken)) throw new ConflictException("Someone with this email already has an account (or an invitation).");

        var user = new User
        {
            Email = email, DisplayName = command.DisplayName.Trim(), Role = command.Role, ManagerId = command.ManagerId, Invited = true, CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(user);
        NewMemberTeams.Join(db, user, teams);
        var link = links.Issue(user, AccountLinkPurpose.Invitation);
        await db.SaveChangesAsync(cancellationToken);

        var inviter = caller.UserId is { } me ? await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
        links.MailInvitation(user, inviter ?? "Your organisation", link);
        return new InvitationDto(user.Id, user.Email, user.DisplayName, user.Role, link.ExpiresAt, links.Mails, links.Mails ? null : link.Url);
    }
}
