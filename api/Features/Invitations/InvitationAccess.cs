using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>Who may resend or revoke an invitation: admins, and the leads of a team the person was invited into.</summary>
public sealed class InvitationAccess(OkrDbContext db, ICurrentUser caller)
{
    public async Task<User> PendingAsync(Guid userId, CancellationToken ct)
    {
        if (caller.IsClient) throw new ForbiddenException("Admins and team leads manage invitations.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.Invited && u.Active, ct) ?? throw new NotFoundException("Invitation", userId);
        if (caller.IsAdmin) return user;
        // A lead handles the members and viewers they could have invited themselves; an admin's link would hand them the admin's account.
        if (user.Role == OrgRole.Admin) throw new ForbiddenException("Only an admin manages an admin's invitation.");
        var leadsOne = await db.TeamMemberships.AnyAsync(m => m.UserId == userId
            && db.TeamMemberships.Any(l => l.TeamId == m.TeamId && l.UserId == caller.Id && l.Role == TeamRole.Lead), ct);
        return leadsOne ? user : throw new ForbiddenException("Only an admin or a lead of the person's team manages this invitation.");
    }
}
