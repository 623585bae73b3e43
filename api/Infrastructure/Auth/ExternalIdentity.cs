using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// Optional sign-in through an external OpenID Connect provider (Okr:Auth:Authority): its access tokens are
/// accepted as well, and their email claim names the Okr user they act as. People still need an Okr account
/// (their role and teams live here); an unknown or deactivated email is refused with 401.
/// </summary>
public static class ExternalIdentity
{
    public const string Scheme = "external";

    public static void Add(AuthenticationBuilder authentication, AuthOptions options) =>
        authentication.AddJwtBearer(Scheme, jwt =>
        {
            jwt.Authority = options.Authority;
            jwt.Audience = options.AuthorityAudience ?? options.Audience;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ValidIssuer = options.Authority!.TrimEnd('/');
            jwt.TokenValidationParameters.ValidIssuers = [options.Authority.TrimEnd('/'), options.Authority.TrimEnd('/') + "/"];
            jwt.Events = new JwtBearerEvents { OnTokenValidated = MapToOkrUserAsync, OnChallenge = SessionValidator.ChallengeAsync, OnAuthenticationFailed = SessionValidator.AuthenticationFailedAsync };
        });

    /// <summary>A bearer token whose issuer is not Okr's goes to the external scheme (when one is configured).</summary>
    public static bool IsExternal(HttpContext context, AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Authority)) return false;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            var issuer = new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer;
            return issuer != options.Issuer;
        }
        catch (ArgumentException)
        {
            return false; // not a JWT at all: let Okr's scheme refuse it
        }
    }

    private static async Task MapToOkrUserAsync(TokenValidatedContext context)
    {
        // Only a verified email names a person: preferred_username is often chosen by the user, so it could name anyone.
        var email = context.Principal?.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email) || context.Principal?.FindFirstValue("email_verified") is not ("true" or "True"))
        {
            context.Fail("The token carries no verified email claim.");
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<OkrDbContext>();
        var normalised = User.NormaliseEmail(email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalised && u.Active, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Fail("No active Okr user has this email.");
            return;
        }

        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(TokenService.SubjectClaim, user.Id.ToString()),
            new Claim(TokenService.KindClaim, TokenService.UserKind),
            new Claim("email", user.Email),
            new Claim("name", user.DisplayName),
            new Claim(TokenService.RoleClaim, SnakeCaseNames<OrgRole>.ToName[user.Role]),
        ], Scheme, "name", TokenService.RoleClaim));
    }
}
