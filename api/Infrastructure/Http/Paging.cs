using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Okr.Api.Infrastructure.Http;

/// <summary>One page of a list.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="TotalCount">How many items match the filter across all pages.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The page size asked for.</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);

/// <summary>Implemented by list queries, so one validator rule covers them all.</summary>
public interface IPagedQuery
{
    int Page { get; }
    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Counts and reads one page in the database: two round trips, whatever the table size.</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, IPagedQuery paging, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = total == 0 ? [] : await query.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<T>(items, total, paging.Page, paging.PageSize);
    }

    public static void RulesForPaging<T>(this AbstractValidator<T> validator) where T : IPagedQuery
    {
        validator.RuleFor(q => q.Page).GreaterThanOrEqualTo(1).LessThanOrEqualTo(1_000_000);
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
