using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Comments;

public sealed record UpdateCommentCommand(Guid Id, uint IfMatch, Patch<UpdateCommentRequest> Changes) : ICommand<ThreadEntryDto>;

public sealed class UpdateCommentCommandValidator : AbstractValidator<UpdateCommentCommand>
{
    public UpdateCommentCommandValidator()
    {
        RuleFor(c => c.Changes.Value.Text).TextRules().When(c => c.Changes.Has("text")).OverridePropertyName("text");
        RuleFor(c => c.Changes.Value.Mentions).MentionRules().OverridePropertyName("mentions");
    }
}

/// <summary>Only its author changes a comment (403 otherwise), with If-Match (412 when stale); stamps editedAt.</summary>
public sealed class UpdateCommentCommandHandler(OkrDbContext db, CommentAccess access, CommentReader reader, TimeProvider clock) : ICommandHandler<UpdateCommentCommand, ThreadEntryDto>
{
    public async ValueTask<ThreadEntryDto> Handle(UpdateCommentCommand command, CancellationToken cancellationToken)
    {
        var me = access.EnsurePersonWrites();
        var comment = await access.ForChangeAsync(command.Id, cancellationToken);
        if (comment.AuthorId != me) throw new ForbiddenException("Only its author changes a comment.");
        db.ExpectVersion(comment, command.IfMatch);

        var changes = command.Changes;
        var changed = false;
        if (changes.Has("mentions") && !(changes.Value.Mentions ?? []).SequenceEqual(comment.Mentions))
        {
            var mentions = changes.Value.Mentions ?? [];
            var objective = await db.Objectives.AsNoTracking().SingleAsync(o => o.Id == comment.ObjectiveId, cancellationToken);
            await access.EnsureMentionableAsync(objective, mentions, cancellationToken);
            comment.Mentions = [.. mentions];
            changed = true;
        }

        if (changes.Has("text") && changes.Value.Text!.Trim() is var text && text != comment.Text)
        {
            comment.Text = text;
            changed = true;
        }

        if (changed)
        {
            comment.EditedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return await reader.OneAsync(comment, cancellationToken);
    }
}
