using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Comments;

/// <summary>The shape rules of a comment's text and mentions, shared by create and update.</summary>
internal static class CommentValidation
{
    public static IRuleBuilderOptions<T, string?> TextRules<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Write something: a comment is 1..10,000 characters.")
            .MaximumLength(Limits.CommentText).WithMessage($"A comment is at most {Limits.CommentText:N0} characters.");

    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>?> MentionRules<T>(this IRuleBuilder<T, IReadOnlyList<Guid>?> rule) =>
        rule.MaxItems(Limits.CommentMentions).WithMessage($"A comment mentions at most {Limits.CommentMentions} people.")
            .Must(m => m is null || m.Distinct().Count() == m.Count).WithMessage("Mention each person once.");
}

/// <summary>
/// Who may read, write and be mentioned in a thread (docs/notifications.md, "Comments"), in one place: whoever may read
/// the objective reads its threads (a draft's follow the draft: <see cref="AccessPolicy.VisibleAsync"/>); people who
/// write comment (viewers and API clients do not: comments have a person as author); only the author changes a comment,
/// and the author or an admin deletes it; a mention names someone active who may read the objective, or is refused.
/// </summary>
public sealed class CommentAccess(OkrDbContext db, AccessPolicy access, ICurrentUser user)
{
    /// <summary>The objective the thread belongs to: 404 when it does not exist or the caller may not see it (a draft).</summary>
    public async Task<Objective> ObjectiveAsync(Guid objectiveId, CancellationToken ct) =>
        await (await access.VisibleAsync(db.Objectives.AsNoTracking(), ct)).SingleOrDefaultAsync(o => o.Id == objectiveId, ct)
        ?? throw new NotFoundException("Objective", objectiveId);

    /// <summary>The key result and its objective, visible to the caller (404 otherwise).</summary>
    public async Task<(KeyResult KeyResult, Objective Objective)> KeyResultAsync(Guid keyResultId, CancellationToken ct)
    {
        var keyResult = await db.KeyResults.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyResultId, ct) ?? throw new NotFoundException("KeyResult", keyResultId);
        var objective = await (await access.VisibleAsync(db.Objectives.AsNoTracking(), ct)).SingleOrDefaultAsync(o => o.Id == keyResult.ObjectiveId, ct)
            ?? throw new NotFoundException("KeyResult", keyResultId);
        return (keyResult, objective);
    }

    /// <summary>403 for API clients: a comment has a person as its author.</summary>
    public Guid EnsurePersonWrites() =>
        user.UserId ?? throw new ForbiddenException("Comments are written by people signed in; API clients read threads but do not comment.");

    /// <summary>The comment, tracked for a change, through its objective's visibility (404 when the caller may not see it).</summary>
    public async Task<Comment> ForChangeAsync(Guid commentId, CancellationToken ct)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == commentId, ct) ?? throw new NotFoundException("Comment", commentId);
        if (!await (await access.VisibleAsync(db.Objectives, ct)).AnyAsync(o => o.Id == comment.ObjectiveId, ct)) throw new NotFoundException("Comment", commentId);
        return comment;
    }

    public CommentPermissions PermissionsFor(Guid authorId) => new(
        CanEdit: user.UserId == authorId && user.MayWrite,
        CanDelete: user.MayWrite && (user.UserId == authorId || user.IsAdmin));

    /// <summary>422 naming <c>mentions[i]</c> for anyone who is not an active person able to read <paramref name="objective"/>.</summary>
    public async Task EnsureMentionableAsync(Objective objective, IReadOnlyList<Guid> mentions, CancellationToken ct)
    {
        if (mentions.Count == 0) return;
        var readers = await ReadersAsync(db, objective, mentions, ct);
        for (var i = 0; i < mentions.Count; i++)
        {
            if (readers.Contains(mentions[i])) continue;
            var exists = await db.Users.AnyAsync(u => u.Id == mentions[i] && u.Active, ct);
            throw new DomainRuleException($"mentions[{i}]", exists
                ? "This person may not read the objective (a draft is seen by its owner, its team's leads and admins): mention only people who may read it."
                : "No active person has this id.");
        }
    }

    /// <summary>Which of <paramref name="people"/> are active and may read <paramref name="objective"/>: the rule of <see cref="AccessPolicy.MayRead"/>.</summary>
    public static async Task<HashSet<Guid>> ReadersAsync(OkrDbContext db, Objective objective, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var candidates = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id) && u.Active)
            .Select(u => new { u.Id, Admin = u.Role == OrgRole.Admin, Leads = db.TeamMemberships.Any(m => m.UserId == u.Id && m.TeamId == objective.TeamId && m.Role == TeamRole.Lead) })
            .ToListAsync(ct);
        return [.. candidates.Where(c => AccessPolicy.MayRead(objective.State, objective.TeamId, objective.OwnerId, c.Id, c.Admin, c.Leads ? [objective.TeamId] : [])).Select(c => c.Id)];
    }
}
