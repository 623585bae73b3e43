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
