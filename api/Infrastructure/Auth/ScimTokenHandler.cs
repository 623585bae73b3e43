using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// The company directory's bearer token on /scim/v2: the secret of an API client with the scim scope (Okta and Entra keep
/// one long-lived token and cannot sign in for a short one). Only its hash is stored; a revoked client's secret stops
/// working at once. Such a secret is accepted nowhere but /scim/v2.
/// </summary>
public sealed class ScimTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "scim-token";
    public const string SecretPrefix = "okr_scim_";

    /// <summary>A bearer token that is a scim client's secret goes to this scheme.</summary>
    public static bool Carries(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/scim/v2")
        && context.Request.Headers.Authorization.ToString() is { } header
        && header.StartsWith("Bearer " + SecretPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var hash = TokenService.Hash(secret);
        var db = Context.RequestServices.GetRequiredService<OkrDbContext>();
        var client = await db.ApiClients.AsNoTracking()
            .Where(c => c.SecretHash == hash && c.RevokedAt == null && c.Scope == ClientScope.Scim)
            .Select(c => new { c.Id, c.LastUsedAt })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (client is null) return AuthenticateResult.Fail("The token is not the secret of an active scim API client.");

        var now = clock.GetUtcNow();
        if (client.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            // At most once a minute: a directory sync sends thousands of requests, and "last used" needs no more precision.
            await db.ApiClients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(TokenService.SubjectClaim, client.Id.ToString()),
            new Claim(TokenService.KindClaim, TokenService.ClientKind),
            new Claim(TokenService.ScopeClaim, SnakeCaseNames<ClientScope>.ToName[ClientScope.Scim]),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
