using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.OpenApi;
using Okr.Api.Infrastructure.Persistence;
using Riok.Mapperly.Abstractions;

namespace Okr.Api.Features.ApiClients;

public sealed record ListApiClientsQuery(int Page, int PageSize) : IQuery<PagedList<ApiClientDto>>, IPagedQuery;

public sealed class ListApiClientsQueryValidator : AbstractValidator<ListApiClientsQuery>
{
    public ListApiClientsQueryValidator() => this.RulesForPaging();
}

public sealed class ListApiClientsQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListApiClientsQuery, PagedList<ApiClientDto>>
{
    public async ValueTask<PagedList<ApiClientDto>> Handle(ListApiClientsQuery query, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("see API clients");
        return await db.ApiClients.OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .ProjectToDto().ToPagedListAsync(query, cancellationToken);
    }
}
