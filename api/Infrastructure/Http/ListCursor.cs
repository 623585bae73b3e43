using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Okr.Api.Infrastructure.Http;

/// <summary>
/// A position in a list: the sort key and id of the last item a page held. Reading on "after" it is keyset paging, so
/// items created or deleted meanwhile never shift the pages a crawler has still to read (offset paging would skip or
/// repeat). Opaque to clients: base64url of "key:id" (the key is a time in ticks, or a name).
/// </summary>
public readonly record struct ListCursor(string Key, Guid Id)
{
    /// <summary>The longest cursor accepted: a name key of 120 characters fits several times over.</summary>
    public const int MaxLength = 1024;

    public static ListCursor Of(DateTimeOffset at, Guid id) => new(at.UtcTicks.ToString(CultureInfo.InvariantCulture), id);

    /// <summary>The key read as a time (for lists ordered by a time); false when it is not one.</summary>
    public bool TryTime(out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    public override string ToString() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Key}:{Id:N}"));

    public static bool TryParse(string? text, out ListCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !Base64Url.IsValid(text)) return false;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (ArgumentException)
        {
            return false;
        }

        var colon = decoded.LastIndexOf(':');
        if (colon < 0 || !Guid.TryParseExact(decoded.AsSpan(colon + 1), "N", out var id)) return false;
        cursor = new ListCursor(decoded[..colon], id);
        return true;
    }
}

/// <summary>One page of a list that can also be read by cursor.</summary>
/// <param name="Items">The items of this page, in the list's order.</param>
/// <param name="TotalCount">How many items match the filters (from the cursor on, when after was sent).</param>
/// <param name="Page">The page answered (1 when after was sent).</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="NextCursor">Send it as after to read the next page: unlike page numbers, it is not shifted by items created or deleted meanwhile. Null on the last page.</param>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize, string? NextCursor);

/// <summary>A list query read by page number or, with <see cref="After"/>, by cursor.</summary>
public interface ICursorQuery : IPagedQuery
{
    /// <summary>The nextCursor of an earlier page.</summary>
    string? After { get; }
}

public static class CursorPaging
{
    /// <summary>The paging rules, and: after must be a cursor this list answered, and comes without a page number.</summary>
    public static void RulesForCursorPaging<T>(this AbstractValidator<T> validator, Func<ListCursor, bool>? keyIsValid = null) where T : ICursorQuery
    {
        validator.RulesForPaging();
        validator.RuleFor(q => q.After).Must(a => a is null || (ListCursor.TryParse(a, out var c) && (keyIsValid?.Invoke(c) ?? true)))
            .WithMessage("'after' must be the nextCursor of an earlier page of this list.");
        validator.RuleFor(q => q.Page).Equal(1).When(q => q.After is not null)
            .WithMessage("Send either 'page' or 'after' (a cursor reads on from where its page ended), not both.");
    }

    /// <summary>The cursor sent as after, already checked by <see cref="RulesForCursorPaging"/>; null when none was sent.</summary>
    public static ListCursor? Cursor(this ICursorQuery query) => ListCursor.TryParse(query.After, out var cursor) ? cursor : null;

    /// <summary>
    /// Counts and reads one page of <paramref name="ordered"/> (already past the cursor, when one was sent): two round
    /// trips, and the cursor of its last item when more follow.
    /// </summary>
    public static async Task<CursorPage<T>> ToCursorPageAsync<T>(this IQueryable<T> ordered, IPagedQuery paging, Func<T, ListCursor> cursorOf, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = total == 0 ? [] : await ordered.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync(ct);
        var more = (long)(paging.Page - 1) * paging.PageSize + items.Count < total;
        return new CursorPage<T>(items, total, paging.Page, paging.PageSize, more && items.Count > 0 ? cursorOf(items[^1]).ToString() : null);
    }
}
