using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Comments;

/// <summary>Writes a new comment once its thread was found visible: checks the mentions, saves, reads it back. Its event makes the notifications.</summary>
public sealed class CommentWriter(OkrDbContext db, CommentAccess access, CommentReader reader)
{
    public async Task<ThreadEntryDto> CreateAsync(Guid authorId, Objective objective, Guid? keyResultId, CreateCommentRequest request, CancellationToken ct)
    {
        var mentions = request.Mentions ?? [];
        await access.EnsureMentionableAsync(objective, mentions, ct);
        var comment = new Comment { ObjectiveId = objective.Id, KeyResultId = keyResultId, AuthorId = authorId, Text = request.Text.Trim(), Mentions = [.. mentions] };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);
        return await reader.OneAsync(comment, ct);
    }
}
