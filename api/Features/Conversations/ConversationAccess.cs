using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>
/// Who sees and changes a performance conversation, in one place (docs/method.md, "Performance conversations"): its
/// employee, its manager and admins; nobody else learns it exists (404). API clients read them only with the
/// <c>conversations</c> scope (403 otherwise) and never change them; team leads who are not the manager do not see them.
/// </summary>
public sealed class ConversationAccess(OkrDbContext db, ICurrentUser user)
{
    /// <summary>403 for an API client without the conversations scope.</summary>
    public void EnsureClientMayRead()
    {
        if (user.IsClient && user.Scope != ClientScope.Conversations)
        {
            throw new ForbiddenException("Performance conversations need an API client with the conversations scope.");
        }
    }

    /// <summary>The conversations the caller may see.</summary>
    public IQueryable<Conversation> Visible(IQueryable<Conversation> conversations)
    {
        EnsureClientMayRead();
        if (user.IsAdmin || user.IsClient) return conversations;
        var me = user.Id;
        return conversations.Where(c => c.EmployeeId == me || c.ManagerId == me);
    }

    /// <summary>The conversation, tracked for a change: 404 when the caller may not see it, 403 for API clients (they only read).</summary>
    public async Task<Conversation> ForChangeAsync(Guid id, CancellationToken ct)
    {
        var conversation = await Visible(db.Conversations).SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Conversation", id);
        if (user.IsClient) throw new ForbiddenException("API clients read performance conversations; only their participants and admins change them.");
        return conversation;
    }

    /// <summary>404 unless the caller may see the conversation.</summary>
    public async Task EnsureVisibleAsync(Guid id, CancellationToken ct)
    {
        if (!await Visible(db.Conversations).AnyAsync(c => c.Id == id, ct)) throw new NotFoundException("Conversation", id);
    }

    /// <summary>Participants and admins change it (notes, items, state); clients never.</summary>
    public bool MayChange(Conversation conversation) => !user.IsClient && (user.IsAdmin || conversation.EmployeeId == user.Id || conversation.ManagerId == user.Id);

    /// <summary>The private note belongs to the signed-in person; clients and everyone else never read one.</summary>
    public Guid? NoteAuthor => user.IsClient ? null : user.Id;
}
