using Mediator;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Comments;

public sealed record DeleteCommentCommand(Guid Id) : ICommand;

/// <summary>
/// Its author, or an admin (moderation), deletes a comment (403 otherwise), with the notifications about it (inboxes,
/// emails not yet sent); the audit log keeps what it said.
/// </summary>
public sealed class DeleteCommentCommandHandler(OkrDbContext db, CommentAccess access, ICurrentUser user) : ICommandHandler<DeleteCommentCommand>
{
    public async ValueTask<Unit> Handle(DeleteCommentCommand command, CancellationToken cancellationToken)
    {
        var comment = await access.ForChangeAsync(command.Id, cancellationToken);
        if (!access.PermissionsFor(comment.AuthorId).CanDelete) throw new ForbiddenException(user.IsClient ? "API clients do not delete comments." : "Only its author or an admin deletes a comment.");
        db.Comments.Remove(comment);
        // What it said leaves the inboxes too, and no email of it goes out any more: its notifications go with it (foreign key, cascade).
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
