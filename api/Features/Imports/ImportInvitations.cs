using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Features.Invitations;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>
/// <c>POST /imports?invite=true</c>: after the import committed, everyone it created gets an invitation email (the same
/// single-use, 7-day link as POST /invitations). People who were already there are left alone. Should the server stop
/// between the import and the emails, the people are still listed as invited in Admin → People, where an admin resends.
/// </summary>
public sealed class ImportInvitations(OkrDbContext db, AccountLinks links)
{
    public async Task<int> SendAsync(ImportJob job, CancellationToken ct)
    {
        var created = db.AuditEntries
            .Where(a => a.ImportId == job.Id && a.EntityType == "user" && a.Action == AuditAction.Created)
            .Select(a => a.EntityId);
        var people = await db.Users.Where(u => created.Contains(u.Id) && u.Invited && u.Active).ToListAsync(ct);
        if (people.Count == 0) return 0;

        var invitedBy = job.ActorIsClient
            ? await db.ApiClients.Where(c => c.Id == job.ActorId).Select(c => c.Name).SingleOrDefaultAsync(ct)
            : await db.Users.Where(u => u.Id == job.ActorId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var issued = people.Select(person => (person, link: links.Issue(person, AccountLinkPurpose.Invitation))).ToList();
        await db.SaveChangesAsync(ct);
        foreach (var (person, link) in issued) links.MailInvitation(person, invitedBy ?? "Your Okr admin", link);
        return issued.Count;
    }
}
