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

/// <summary>A new API client.</summary>
/// <param name="Name">What the integration is, e.g. "Salesforce sync".</param>
/// <param name="Scope">read, write, import, conversations, events (reads, and the event stream GET /events), or scim (the company directory: its secret is the bearer token for /scim/v2, and it reaches nothing under /api/v1).</param>
public sealed record CreateApiClientCommand(string Name, ClientScope Scope) : ICommand<CreatedApiClientDto>;

public sealed class CreateApiClientCommandValidator : AbstractValidator<CreateApiClientCommand>
{
    public CreateApiClientCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(c => c.Scope).IsInEnum();
    }
}

public sealed class CreateApiClientCommandHandler(OkrDbContext db, AccessPolicy access) : ICommandHandler<CreateApiClientCommand, CreatedApiClientDto>
{
    public async ValueTask<CreatedApiClientDto> Handle(CreateApiClientCommand command, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("manage API clients");
        // A directory's secret is also its bearer token on /scim/v2, which its prefix tells apart.
        var secret = TokenService.NewSecret(command.Scope == ClientScope.Scim ? ScimTokenHandler.SecretPrefix : "okr_cs_");
        var client = new ApiClient { Name = command.Name.Trim(), Scope = command.Scope, SecretHash = TokenService.Hash(secret) };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiClientDto(client.ToDto(), secret);
    }
}
