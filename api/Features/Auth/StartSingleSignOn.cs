using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Auth;

/// <summary>
/// The "Sign in with …" button: a redirect (302) to the provider's authorization endpoint with a PKCE challenge, state and
/// nonce; the provider sends the browser back to <see cref="SingleSignOn.CallbackPath"/>, which starts the web session and
/// redirects to <c>returnTo</c> (a path on this site; anything else becomes "/").
/// </summary>
public static class StartSingleSignOn
{
    public const string Path = "/api/v1/auth/sso/start";

    public static IResult Handle(string? returnTo, IOptions<SsoOptions> options)
    {
        if (!options.Value.Enabled) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "Single sign-on is not configured here (Okr:Sso).");
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = SingleSignOn.LocalPath(returnTo) }, [SingleSignOn.Scheme]);
    }
}
