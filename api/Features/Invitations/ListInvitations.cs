using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>Invitations not accepted yet (admins: all; team leads: those into their teams), newest first; links are never shown again.</summary>
public sealed record ListInvitationsQuery : IQuery<IReadOnlyList<InvitationDto>>;

public sealed class ListInvitationsQueryHandler(OkrDbContext db, ICurrentUser caller, AccessPolicy access, AccountLinks links) : IQueryHandler<ListInvitationsQuery, IReadOnlyList<InvitationDto>>
{
    public async ValueTask<IReadOnlyList<InvitationDto>> Handle(ListInvitationsQuery query, CancellationToken cancellationToken)
    {
        if (caller.IsClient) throw new ForbiddenException("Admins and team leads see invitations.");
        var invited = db.Users.Where(u => u.Invited && u.Active);
        if (!caller.IsAdmin)
        {
            var leads = await access.LeadTeamsAsync(cancellationToken);
            if (leads.Length == 0) throw new ForbiddenException("Admins and team leads see invitations.");
            invited = invited.Where(u => u.Role != OrgRole.Admin && db.TeamMemberships.Any(m => m.UserId == u.Id && leads.Contains(m.TeamId)));
        }

        return await invited.OrderByDescending(u => u.CreatedAt)
            .Select(u => new InvitationDto(u.Id, u.Email, u.DisplayName, u.Role,
                db.AccountLinks.Where(l => l.UserId == u.Id && l.Purpose == AccountLinkPurpose.Invitation && l.RevokedAt == null).Max(l => (DateTimeOffset?)l.ExpiresAt) ?? u.CreatedAt,
                links.Mails, null))
            .ToListAsync(cancellationToken);
    }
}
