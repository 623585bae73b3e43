using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.ApiClients;

/// <summary>One API client (what POST /api-clients answers in Location), never its secret.</summary>
public sealed record GetApiClientQuery(Guid Id) : IQuery<ApiClientDto>;

public sealed class GetApiClientQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<GetApiClientQuery, ApiClientDto>
{
    public async ValueTask<ApiClientDto> Handle(GetApiClientQuery query, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("see API clients");
        return await db.ApiClients.Where(c => c.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("ApiClient", query.Id);
    }
}
