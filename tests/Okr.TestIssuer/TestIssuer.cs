using System.Net;
using Microsoft.AspNetCore;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Okr.TestIssuer;

/// <summary>A person the test provider knows: signs in with <see cref="TestIssuerSettings.Password"/>. EmailVerified null: the provider sends no email_verified claim at all.</summary>
public sealed record TestAccount(string Email, string Name, bool? EmailVerified = true);

/// <summary>Who the provider knows and which client (Okr) may use it.</summary>
public sealed record TestIssuerSettings(
    IReadOnlyList<TestAccount> Accounts, string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris, string Password = "issuer-password");

/// <summary>
/// An OpenID Connect provider on OpenIddict (degraded mode: no database, ephemeral keys): discovery, authorization
/// endpoint with a sign-in form, token endpoint (authorization code with PKCE required), userinfo. The client id,
/// secret and redirect URIs are checked as a real provider checks them.
/// </summary>
public static class TestIssuer
{
    public static WebApplication Build(string url, TestIssuerSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.Cookie.Name = "issuer_session");
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetUserInfoEndpointUris("connect/userinfo");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.Email, Scopes.Profile);
            server.EnableDegradedMode();
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableUserInfoEndpointPassthrough().DisableTransportSecurityRequirement();

            // Degraded mode checks nothing about clients by itself: these are the provider's client registrations.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != settings.ClientId) context.Reject(Errors.InvalidClient, "Unknown client_id.");
                else if (!settings.RedirectUris.Contains(context.RedirectUri)) context.Reject(Errors.InvalidRequest, "This redirect_uri is not registered for the client.");
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != settings.ClientId || context.ClientSecret != settings.ClientSecret) context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        app.MapGet("/sign-in", SignInForm);
        app.MapPost("/sign-in", SignInAsync).DisableAntiforgery();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, TestIssuerSettings settings)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var account = session.Succeeded ? settings.Accounts.FirstOrDefault(a => a.Email == session.Principal!.FindFirstValue("email")) : null;
        if (account is null)
        {
            return Results.Redirect("/sign-in?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "test|" + account.Email).SetClaim(Claims.Email, account.Email).SetClaim(Claims.Name, account.Name);
        if (account.EmailVerified is { } verified) identity.SetClaim(Claims.EmailVerified, verified);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult SignInForm(string? returnUrl, string? error) => Results.Content($$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
        <body><main><h1>Test identity provider</h1>
        {{(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
        <form method="post" action="/sign-in">
          <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
          <label>Email <input name="email" type="email" autocomplete="username"></label>
          <label>Password <input name="password" type="password" autocomplete="current-password"></label>
          <button type="submit">Continue</button>
        </form></main></body></html>
        """, "text/html");

    private static async Task<IResult> SignInAsync(HttpContext context, TestIssuerSettings settings)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal)) return Results.BadRequest();
        var account = settings.Accounts.FirstOrDefault(a => string.Equals(a.Email, form["email"], StringComparison.OrdinalIgnoreCase));
        if (account is null || form["password"] != settings.Password)
        {
            return Results.Redirect("/sign-in?error=" + Uri.EscapeDataString("Wrong email or password.") + "&returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", account.Email)], CookieAuthenticationDefaults.AuthenticationScheme)));
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded) return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var principal = result.Principal!;
        var claims = new Dictionary<string, object?>
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject),
            [Claims.Email] = principal.GetClaim(Claims.Email),
            [Claims.Name] = principal.GetClaim(Claims.Name),
        };
        if (principal.GetClaim(Claims.EmailVerified) is { } verified) claims[Claims.EmailVerified] = verified is "true" or "True";
        return Results.Json(claims);
    }
}
