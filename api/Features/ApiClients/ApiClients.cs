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
/// <param name="Scope">read, write (objectives, key results, check-ins) or import.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastUsedAt">When it last signed in; null if never.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record ApiClientDto(Guid Id, string Name, ClientScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A new API client with its secret, shown this once.</summary>
/// <param name="Client">The client.</param>
/// <param name="ClientSecret">Store it now: only its hash is kept.</param>
public sealed record CreatedApiClientDto(ApiClientDto Client, string ClientSecret);

[Mapper]
public static partial class ApiClientMapper
{
    public static partial IQueryable<ApiClientDto> ProjectToDto(this IQueryable<ApiClient> query);

    public static partial ApiClientDto ToDto(this ApiClient client);
}

/// <summary>A new API client.</summary>
/// <param name="Name">What the integration is, e.g. "Salesforce sync".</param>
/// <param name="Scope">read, write or import.</param>
public sealed record CreateApiClientCommand(string Name, ClientScope Scope) : ICommand<CreatedApiClientDto>;

public sealed class CreateApiClientCommandValidator : AbstractValidator<CreateApiClientCommand>
{
    public CreateApiClientCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Limits.Name);
        RuleFor(c => c.Scope).IsInEnum();
    }
}

public sealed class CreateApiClientCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<CreateApiClientCommand, CreatedApiClientDto>
{
    public async ValueTask<CreatedApiClientDto> Handle(CreateApiClientCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage API clients");
        var secret = TokenService.NewSecret("okr_cs_");
        var client = new ApiClient { Name = command.Name.Trim(), Scope = command.Scope, SecretHash = TokenService.Hash(secret) };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiClientDto(client.ToDto(), secret);
    }
}

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

/// <summary>Revokes an API client: its secret stops working at once; tokens it already holds expire within minutes.</summary>
public sealed record RevokeApiClientCommand(Guid Id) : ICommand;

public sealed class RevokeApiClientCommandHandler(OkrDbContext db, AccessPolicy access, TimeProvider clock, IMemoryCache cache) : ICommandHandler<RevokeApiClientCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiClientCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("revoke API clients");
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken) ?? throw new NotFoundException("API client", command.Id);
        client.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        SessionValidator.Forget(cache, isClient: true, client.Id);
        return Unit.Value;
    }
}

public static class ApiClientsEndpoints
{
    public static RouteGroupBuilder MapApiClientsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-clients").WithTags("API clients");

        group.MapPost("/", async (CreateApiClientCommand command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"{ApiEndpoints.BasePath}/api-clients/{created.Client.Id}", created);
            })
            .Named("CreateApiClient", "Create an API client", "Admins only. The answer holds the secret, shown this once; sign in with grantType client_credentials.")
            .ProducesErrors(400, 401, 403);

        group.MapGet("/", async (IMediator mediator, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new ListApiClientsQuery(page, pageSize), ct)))
            .Named("ListApiClients", "List API clients", "Admins only. Active ones first, with when each last signed in.")
            .ProducesErrors(400, 401, 403);

        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RevokeApiClientCommand(id), ct);
                return TypedResults.NoContent();
            })
            .Named("RevokeApiClient", "Revoke an API client", "Admins only. Its secret stops working at once.")
            .ProducesErrors(401, 403, 404);

        return api;
    }
}
