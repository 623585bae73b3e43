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

/// <summary>An integration's credentials. The secret is never shown again after creation.</summary>
/// <param name="Id">The client id to sign in with.</param>
/// <param name="Name">What the integration is.</param>
/// <param name="Scope">read, write (objectives, key results, check-ins), import, conversations (1:1 records), scim (provisioning at /scim/v2 only) or events (reads, and the event stream GET /events).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastUsedAt">When it last signed in; null if never.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record ApiClientDto(Guid Id, string Name, ClientScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A new API client with its secret, shown this once.</summary>
/// <param name="Client">The client.</param>
/// <param name="ClientSecret">Store it now: only its hash is kept. For a scim client it is also the directory's bearer token on /scim/v2.</param>
public sealed record CreatedApiClientDto(ApiClientDto Client, string ClientSecret);

[Mapper]
public static partial class ApiClientMapper
{
    public static partial IQueryable<ApiClientDto> ProjectToDto(this IQueryable<ApiClient> query);

    public static partial ApiClientDto ToDto(this ApiClient client);
}
