using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Okr.Api.Features.Auth;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>Settings under <c>Okr:Sso</c>: the company's OpenID Connect provider for the web app's "Sign in with …" button.</summary>
public sealed class SsoOptions
{
    public const string Section = "Okr:Sso";

    /// <summary>The provider's issuer URL (its <c>/.well-known/openid-configuration</c> lives below it).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>What the button says after "Sign in with": the provider's name as people know it.</summary>
    public string Name { get; set; } = "single sign-on";

    /// <summary>Space-separated scopes to ask for; the email must come back (scope <c>email</c>).</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>A verified email without an Okr account becomes a new member (just-in-time) instead of being refused.</summary>
    public bool CreateMembers { get; set; }

    /// <summary>
    /// Comma-separated email domains (<c>example.com, example.de</c>) that just-in-time members may come from. Required
    /// with a provider anyone can have an account at (Google, Auth0…): without it every verified address there gets in.
    /// </summary>
    public string? AllowedDomains { get; set; }

    /// <summary>
    /// Accept an email claim that comes without <c>email_verified</c> at all (an explicit <c>false</c> is never accepted).
    /// Only for a single-tenant provider that issues nothing but the company's own addresses and never sends the claim:
    /// anywhere else an unverified email could name anyone.
    /// </summary>
    public bool TrustUnverifiedEmail { get; set; }

    /// <summary>Whether <paramref name="email"/> may become a member just in time (<see cref="AllowedDomains"/>, when set).</summary>
    public bool MayCreate(string email)
    {
        if (!CreateMembers) return false;
        var domains = (AllowedDomains ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return domains.Length == 0 || domains.Any(d => email.EndsWith("@" + d.TrimStart('@'), StringComparison.OrdinalIgnoreCase));
    }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Single sign-on for the web app: OpenID Connect's authorization code flow with PKCE, state and nonce, done by
/// ASP.NET Core's OpenIdConnect handler. The provider answers at <see cref="CallbackPath"/>; the verified email names the
/// Okr person (<see cref="SignInWithSingleSignOnCommand"/>), whose browser session then starts exactly as a password
/// sign-in's does (the refresh cookie), and the browser goes to the web app's <see cref="LandingPath"/>, which picks the
/// session up and goes on to the page it started from. Failures land on the sign-in page with <c>?sso=</c> and a reason
/// the page puts in words.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "sso";
    public const string CallbackPath = "/api/v1/auth/sso/callback";
    public const string LandingPath = "/signed-in";

    public static void Add(AuthenticationBuilder authentication, SsoOptions sso) =>
        authentication.AddOpenIdConnect(Scheme, sso.Name, oidc =>
        {
            oidc.Authority = sso.Authority;
            oidc.ClientId = sso.ClientId;
            oidc.ClientSecret = sso.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            // Query, not form_post: the answer is a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
            // and work over plain HTTP on a laptop too (SameSite=None needs Secure).
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.CallbackPath = CallbackPath;
            oidc.Scope.Clear();
            foreach (var scope in sso.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) oidc.Scope.Add(scope);
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            oidc.SaveTokens = false;
            oidc.RequireHttpsMetadata = !IsLoopback(sso.Authority!);
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.Events = new OpenIdConnectEvents { OnTicketReceived = SignInAsync, OnRemoteFailure = FailedAsync };
        });

    /// <summary>Only a path of this site: an absolute or protocol-relative URL would make the button an open redirect.</summary>
    public static string LocalPath(string? returnTo) =>
        returnTo is { Length: > 0 and <= 2000 } path && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            ? path
            : "/";

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private static async Task SignInAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var principal = context.Principal!;
        var services = context.HttpContext.RequestServices;
        try
        {
            var verified = principal.FindFirstValue("email_verified") switch
            {
                null => (bool?)null,
                "true" or "True" => true,
                _ => false,
            };
            var refreshToken = await services.GetRequiredService<IMediator>().Send(new SignInWithSingleSignOnCommand(
                principal.FindFirstValue("email"), verified, principal.FindFirstValue("name")), context.HttpContext.RequestAborted);
            BrowserSession.Set(context.Response, refreshToken, services.GetRequiredService<IOptions<AuthOptions>>().Value.RefreshTokenDays);
            // The web app's landing page picks the new session up from the cookie, then goes where the person started.
            context.Response.Redirect(LandingPath + "?returnTo=" + Uri.EscapeDataString(LocalPath(context.ReturnUri)));
        }
        catch (SingleSignOnRefusedException refused)
        {
            context.Response.Redirect($"/sign-in?sso={refused.Reason}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database outage, or two first sign-ins of one new person at once: the person tries again, nobody sees a 500.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn)).LogError(e, "Single sign-on could not start the session");
            context.Response.Redirect("/sign-in?sso=failed");
        }
    }

    private static Task FailedAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
            .LogWarning(context.Failure, "Single sign-on failed at the provider or on the way back");
        // The person cancelled at the provider, or the answer did not check out (state, nonce, code): either way, try again.
        var reason = context.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true ? "cancelled" : "failed";
        context.Response.Redirect($"/sign-in?sso={reason}");
        return Task.CompletedTask;
    }
}
