using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Primitives;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Features.Auth;

/// <summary>
/// The token request as RFC 6749 spells it (section 4.3 password, 4.4 client credentials, 6 refresh), sent as
/// <c>application/x-www-form-urlencoded</c>, so stock OAuth2 client libraries get a token.
/// </summary>
/// <param name="GrantType">grant_type: "client_credentials", "password" or "refresh_token".</param>
/// <param name="ClientId">client_id: an API client's id (or send it with the secret as HTTP Basic, RFC 6749 section 2.3.1).</param>
/// <param name="ClientSecret">client_secret: the API client's secret.</param>
/// <param name="Username">username: a person's email (grant_type=password).</param>
/// <param name="Password">password: their password (grant_type=password).</param>
/// <param name="TotpCode">totp_code: with two-step sign-in on, the authenticator's code or a recovery code (an extension of Okr's).</param>
/// <param name="RefreshToken">refresh_token: for grant_type=refresh_token.</param>
/// <param name="Scope">scope: accepted and ignored; an API client's scope is the one it was made with.</param>
[Infrastructure.OpenApi.OptionalFieldsStayOptional]
public sealed record OAuthTokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("client_secret")] string? ClientSecret = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("password")] string? Password = null,
    [property: JsonPropertyName("totp_code")] string? TotpCode = null,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken = null,
    [property: JsonPropertyName("scope")] string? Scope = null);

/// <summary>A successful answer to a form token request (RFC 6749 section 5.1).</summary>
/// <param name="AccessToken">access_token: the JWT to send as Authorization: Bearer.</param>
/// <param name="TokenType">token_type: "Bearer".</param>
/// <param name="ExpiresIn">expires_in: seconds until it expires.</param>
/// <param name="RefreshToken">refresh_token: for people; left out for API clients.</param>
[Infrastructure.OpenApi.OptionalFieldsStayOptional]
public sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);

/// <summary>A refused form token request (RFC 6749 section 5.2).</summary>
/// <param name="Error">error: invalid_request, invalid_client, invalid_grant or unsupported_grant_type.</param>
/// <param name="ErrorDescription">error_description: what was wrong, in words.</param>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>
/// Answers <c>POST /auth/token</c> sent as a form (RFC 6749): the same commands, checks, lockout and rate limit as the
/// JSON request, with the standard's field names and errors. Failures the standard has no error for stay problem
/// details (429 with Retry-After).
/// </summary>
public static class OAuthToken
{
    public const string FormMediaType = "application/x-www-form-urlencoded";

    public static async Task<IResult> HandleAsync(HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        string? One(string name) => form.TryGetValue(name, out var values) && values.Count == 1 && !StringValues.IsNullOrEmpty(values) ? values[0] : null;
        if (form.Any(f => f.Value.Count > 1)) return Error("invalid_request", $"'{form.First(f => f.Value.Count > 1).Key}' appears more than once (RFC 6749 section 3.2).");

        var (basicId, basicSecret, basic) = Basic(http.Request);
        if (basic && (One("client_id") is not null || One("client_secret") is not null))
        {
            return Error("invalid_request", "Send the client's credentials one way: HTTP Basic or client_id/client_secret, not both (RFC 6749 section 2.3).");
        }

        var grant = One("grant_type");
        try
        {
            TokenDto token;
            switch (grant)
            {
                case "client_credentials":
                    var id = basic ? basicId : One("client_id");
                    var secret = basic ? basicSecret : One("client_secret");
                    if (id is null || secret is null) return ClientError("client_id and client_secret (or HTTP Basic) are required.", basic);
                    if (!Guid.TryParse(id, out var clientId)) return ClientError("The client id or secret is not correct, or the client was revoked.", basic);
                    try
                    {
                        token = await mediator.Send(new CreateTokenCommand(CreateTokenCommandValidator.ClientCredentials, ClientId: clientId, ClientSecret: secret), ct);
                    }
                    catch (UnauthenticatedException e)
                    {
                        return ClientError(e.Message, basic);
                    }

                    break;
                case "password":
                    if (One("username") is not { } username || One("password") is not { } password) return Error("invalid_request", "username and password are required.");
                    token = await mediator.Send(new CreateTokenCommand(CreateTokenCommandValidator.Password, username, password, TotpCode: One("totp_code")), ct);
                    break;
                case "refresh_token":
                    if (One("refresh_token") is not { } refresh) return Error("invalid_request", "refresh_token is required.");
                    token = await mediator.Send(new RefreshTokenCommand(refresh), ct);
                    break;
                case null:
                    return Error("invalid_request", "grant_type is required: client_credentials, password or refresh_token.");
                default:
                    return Error("unsupported_grant_type", $"grant_type '{grant}' is not supported: client_credentials, password or refresh_token.");
            }

            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            return TypedResults.Json(new OAuthTokenResponse(token.AccessToken, token.TokenType, token.ExpiresIn, token.RefreshToken));
        }
        catch (ValidationException e)
        {
            return Error("invalid_request", string.Join(" ", e.Errors.Select(x => x.ErrorMessage)));
        }
        catch (Exception e) when (e is UnauthenticatedException or SecondFactorRequiredException)
        {
            return Error("invalid_grant", e.Message);
        }
    }

    /// <summary>RFC 6749 section 2.3.1: "Basic base64(urlencode(client_id):urlencode(client_secret))".</summary>
    private static (string? Id, string? Secret, bool Present) Basic(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return (null, null, false);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null, true) : (Uri.UnescapeDataString(text[..colon].Replace('+', ' ')), Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' ')), true);
        }
        catch (FormatException)
        {
            return (null, null, true);
        }
    }

    private static IResult Error(string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: StatusCodes.Status400BadRequest);

    /// <summary>invalid_client is 401, with a Basic challenge when the client authenticated that way (RFC 6749 section 5.2).</summary>
    private static IResult ClientError(string description, bool basic) => new ClientErrorResult(new OAuthError("invalid_client", description), basic);

    private sealed class ClientErrorResult(OAuthError error, bool basic) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            if (basic) httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"okr\", charset=\"UTF-8\"";
            httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await httpContext.Response.WriteAsJsonAsync(error);
        }
    }
}
