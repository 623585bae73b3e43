using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Comments;

/// <summary>
/// Reads threads: an objective's own comments, or a key result's comments and check-ins merged by when they were
/// written, oldest first, paged in the database (a count, a page, the mentioned people's names: three round trips).
/// </summary>
public sealed class CommentReader(OkrDbContext db, CommentAccess access)
{
    public async Task<PagedList<ThreadEntryDto>> ThreadAsync(Guid objectiveId, Guid? keyResultId, IPagedQuery paging, CancellationToken ct)
    {
        var offset = (paging.Page - 1) * paging.PageSize;
        int total;
        List<ThreadRow> rows;
        if (keyResultId is not { } k)
        {
            total = await db.Comments.CountAsync(c => c.ObjectiveId == objectiveId && c.KeyResultId == null, ct);
            if (total == 0) return new PagedList<ThreadEntryDto>([], 0, paging.Page, paging.PageSize);
            rows = await db.Database.SqlQuery<ThreadRow>($"""
                SELECT id, 'comment' AS kind, key_result_id, author_id, text, mentions, created_at, edited_at, xmin::text::bigint AS version,
                       NULL::numeric AS value, NULL::int AS confidence
                FROM comments WHERE objective_id = {objectiveId} AND key_result_id IS NULL
                ORDER BY created_at, id
                OFFSET {offset} LIMIT {paging.PageSize}
                """).ToListAsync(ct);
        }
        else
        {
            total = await db.Database.SqlQuery<int>($"""
                SELECT ((SELECT count(*) FROM comments WHERE key_result_id = {k}) + (SELECT count(*) FROM check_ins WHERE key_result_id = {k}))::int AS "Value"
                """).SingleAsync(ct);
            if (total == 0) return new PagedList<ThreadEntryDto>([], 0, paging.Page, paging.PageSize);
            rows = await db.Database.SqlQuery<ThreadRow>($"""
                SELECT id, 'comment' AS kind, key_result_id, author_id, text, mentions, created_at, edited_at, xmin::text::bigint AS version,
                       NULL::numeric AS value, NULL::int AS confidence
                FROM comments WHERE key_result_id = {k}
                UNION ALL
                SELECT id, 'check_in', key_result_id, author_id, note, ARRAY[]::uuid[], created_at, NULL, NULL, value, confidence
                FROM check_ins WHERE key_result_id = {k}
                ORDER BY created_at, id
                OFFSET {offset} LIMIT {paging.PageSize}
                """).ToListAsync(ct);
        }

        var names = await NamesAsync([.. rows.SelectMany(r => r.Mentions)], ct);
        return new PagedList<ThreadEntryDto>([.. rows.Select(r => ToDto(r, objectiveId, names))], total, paging.Page, paging.PageSize);
    }

    /// <summary>One comment as its thread shows it (after a write).</summary>
    public async Task<ThreadEntryDto> OneAsync(Comment comment, CancellationToken ct)
    {
        var names = await NamesAsync(comment.Mentions, ct);
        var row = new ThreadRow(comment.Id, "comment", comment.KeyResultId, comment.AuthorId, comment.Text, [.. comment.Mentions], comment.CreatedAt, comment.EditedAt,
            comment.Version, null, null);
        return ToDto(row, comment.ObjectiveId, names);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var distinct = ids.Distinct().ToArray();
        return await db.Users.AsNoTracking().Where(u => distinct.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private ThreadEntryDto ToDto(ThreadRow r, Guid objectiveId, Dictionary<Guid, string> names)
    {
        var comment = r.Kind == "comment";
        return new ThreadEntryDto(
            r.Id, comment ? ThreadEntryKind.Comment : ThreadEntryKind.CheckIn, objectiveId, r.KeyResultId, r.AuthorId, r.Text,
            [.. r.Mentions.Where(names.ContainsKey).Select(id => new MentionDto(id, names[id]))],
            r.CreatedAt, r.EditedAt, r.Version is { } v ? (uint)v : null, r.Value, r.Confidence,
            comment && r.AuthorId is { } author ? access.PermissionsFor(author) : new CommentPermissions(false, false));
    }

    private sealed record ThreadRow(Guid Id, string Kind, Guid? KeyResultId, Guid? AuthorId, string? Text, Guid[] Mentions, DateTimeOffset CreatedAt,
        DateTimeOffset? EditedAt, long? Version, decimal? Value, int? Confidence);
}
