using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// Access tokens carry role and scope, but a deactivated person, a demoted admin or a revoked API client must not
/// keep acting on them until they expire: each token is checked against the database, with the answer cached
/// for a few seconds so busy clients do not pay a query per request. A person's token also carries the session
/// version it was issued under (<see cref="Domain.User.SessionVersion"/>): after any security event it never works again.
/// </summary>
public static class SessionValidator
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>Forgets what was cached for a person or client, so a change of role, activity or revocation applies at once.</summary>
    public static void Forget(IMemoryCache cache, bool isClient, Guid id) => cache.Remove((isClient, id));

    /// <summary>
    /// A token that could not be checked because the database is unreachable is not a bad token: the answer is 503
    /// (try again) rather than 401, which would make the web app and integrations throw their session away.
    /// </summary>
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        if (!context.HttpContext.Items.ContainsKey(OutageKey) && !Errors.DatabaseOutage.Is(context.AuthenticateFailure)) return;
        context.HandleResponse();
        await Errors.DatabaseOutage.WriteAsync(context.HttpContext);
    }

    /// <summary>
    /// The database did not answer while a token was checked: the request goes on unauthenticated, so that what needs
    /// no sign-in (health, docs) still answers, and whatever needs one is challenged — with 503 (see <see cref="ChallengeAsync"/>).
    /// </summary>
    public static Task AuthenticationFailedAsync(AuthenticationFailedContext context)
    {
        if (!Errors.DatabaseOutage.Is(context.Exception)) return Task.CompletedTask;
        context.HttpContext.Items[OutageKey] = true;
        context.NoResult();
        return Task.CompletedTask;
    }

    private const string OutageKey = "okr.database-outage";

    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirst(TokenService.SubjectClaim)?.Value, out var id))
        {
            context.Fail("The token has no subject.");
            return;
        }

        var isClient = principal.FindFirst(TokenService.KindClaim)?.Value == TokenService.ClientKind;
        var claimed = isClient
            ? principal.FindFirst(TokenService.ScopeClaim)?.Value
            : $"{principal.FindFirst(TokenService.RoleClaim)?.Value}/{principal.FindFirst(TokenService.SessionClaim)?.Value}";
        var cache = context.HttpContext.RequestServices.GetRequiredService<IMemoryCache>();
        var current = await cache.GetOrCreateAsync((isClient, id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var db = context.HttpContext.RequestServices.GetRequiredService<OkrDbContext>();
            var ct = context.HttpContext.RequestAborted;
            if (isClient)
            {
                var scope = await db.ApiClients.Where(c => c.Id == id && c.RevokedAt == null).Select(c => (Domain.ClientScope?)c.Scope).SingleOrDefaultAsync(ct);
                return scope is { } s ? SnakeCaseNames<Domain.ClientScope>.ToName[s] : null;
            }

            var user = await db.Users.Where(u => u.Id == id && u.Active).Select(u => new { u.Role, u.SessionVersion }).SingleOrDefaultAsync(ct);
            return user is null ? null : $"{SnakeCaseNames<Domain.OrgRole>.ToName[user.Role]}/{user.SessionVersion}";
        });

        // Gone, deactivated, revoked, its role or scope changed, or a security event since the token was issued: sign in again.
        if (current is null || current != claimed) context.Fail("The session is no longer valid. Sign in again.");
    }
}
