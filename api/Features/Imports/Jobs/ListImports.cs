using System.Text.Json;
using System.Threading.Channels;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Imports;

/// <summary>Imports, newest first: all of them for admins, one's own for an API client.</summary>
public sealed record ListImportsQuery(int Page, int PageSize) : IQuery<PagedList<ImportJobDto>>, IPagedQuery;

public sealed class ListImportsQueryValidator : AbstractValidator<ListImportsQuery>
{
    public ListImportsQueryValidator() => this.RulesForPaging();
}

public sealed class ListImportsQueryHandler(OkrDbContext db, AccessPolicy access, ICurrentUser user, IOptions<JsonOptions> json)
    : IQueryHandler<ListImportsQuery, PagedList<ImportJobDto>>
{
    public async ValueTask<PagedList<ImportJobDto>> Handle(ListImportsQuery query, CancellationToken cancellationToken)
    {
        access.EnsureMayImport();
        var jobs = db.ImportJobs.AsNoTracking().Where(j => user.IsAdmin || j.ActorId == user.Id);
        var page = await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).ToPagedListAsync(query, cancellationToken);
        return new PagedList<ImportJobDto>([.. page.Items.Select(j => ImportJobDto.From(j, json.Value.SerializerOptions))], page.TotalCount, page.Page, page.PageSize);
    }
}
