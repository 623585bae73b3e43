using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Duende.IdentityModel.Client;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// POST /auth/token as the OAuth 2.0 token endpoint (RFC 6749), driven by a stock OAuth2 client library
/// (Duende.IdentityModel): client credentials by HTTP Basic and in the body, the password grant and refresh, and the
/// standard's errors. The JSON request keeps working as before.
/// </summary>
public sealed class OAuth2Tests : OrganisationTest
{
    private const string TokenUrl = "/api/v1/auth/token";

    private async Task<(string Id, string Secret)> ApiClientAsync(string scope = "read")
    {
        var response = await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = $"OAuth {scope}", scope });
        var created = await ExpectJsonAsync(response, HttpStatusCode.Created);
        var (id, secret) = (created["client"]!["id"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        // The Location answered leads to the client (never to its secret).
        var read = await ExpectJsonAsync(await Org.Admin.GetAsync(response.Headers.Location), HttpStatusCode.OK);
        Assert.That((read["id"]!.GetValue<string>(), read.ToJsonString().Contains(secret, StringComparison.Ordinal)), Is.EqualTo((id, false)));
        await ExpectProblemAsync(await Org.Member.GetAsync(response.Headers.Location), HttpStatusCode.Forbidden);
        return (id, secret);
    }

    private static async Task<HttpStatusCode> ReadWithAsync(string accessToken)
    {
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.GetAsync("/api/v1/objectives")).StatusCode;
    }

    [TestCase(ClientCredentialStyle.AuthorizationHeader)]
    [TestCase(ClientCredentialStyle.PostBody)]
    public async Task AStockClientGetsATokenByClientCredentials(ClientCredentialStyle style)
    {
        var (id, secret) = await ApiClientAsync();
        using var http = Anonymous();
        var token = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = TokenUrl, ClientId = id, ClientSecret = secret, ClientCredentialStyle = style, Scope = "anything",
        });
        Assert.That(token.IsError, Is.False, token.Error + " " + token.ErrorDescription);
        Assert.That((token.TokenType, token.ExpiresIn > 0), Is.EqualTo(("Bearer", true)));
        Assert.That(token.Raw, Does.Not.Contain("refresh_token"), "API clients get no refresh token, and absent fields are left out (RFC 6749 section 5.1)");
        Assert.That(token.HttpResponse!.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(await ReadWithAsync(token.AccessToken!), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PeopleUseThePasswordGrantAndRefreshOnce()
    {
        using var http = Anonymous();
        var token = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = TokenUrl, ClientId = "okr-web", UserName = "member@example.com", Password = Password });
        Assert.That(token.IsError, Is.False, token.Error + " " + token.ErrorDescription);
        Assert.That(await ReadWithAsync(token.AccessToken!), Is.EqualTo(HttpStatusCode.OK));

        var renewed = await http.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = TokenUrl, ClientId = "okr-web", RefreshToken = token.RefreshToken! });
        Assert.That(renewed.IsError, Is.False, renewed.Error + " " + renewed.ErrorDescription);
        Assert.That(renewed.RefreshToken, Is.Not.EqualTo(token.RefreshToken));
        Assert.That(await ReadWithAsync(renewed.AccessToken!), Is.EqualTo(HttpStatusCode.OK));

        var wrong = await http.RequestPasswordTokenAsync(new PasswordTokenRequest { Address = TokenUrl, ClientId = "okr-web", UserName = "member@example.com", Password = "not-it-at-all" });
        Assert.That((wrong.HttpStatusCode, wrong.Error), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant")));
    }

    [Test]
    public async Task RefusalsAreTheStandardsErrors()
    {
        var (id, _) = await ApiClientAsync();
        using var http = Anonymous();
        var badSecret = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { Address = TokenUrl, ClientId = id, ClientSecret = "wrong" });
        // IdentityModel reads the error body of 400s only; a 401's is read here.
        Assert.That((badSecret.HttpStatusCode, System.Text.Json.Nodes.JsonNode.Parse(badSecret.Raw!)!["error"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.Unauthorized, "invalid_client")));
        Assert.That(badSecret.HttpResponse!.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"), "Basic was used: the challenge says so");
        var notAGuid = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest { Address = TokenUrl, ClientId = "someone", ClientSecret = "x", ClientCredentialStyle = ClientCredentialStyle.PostBody });
        Assert.That((notAGuid.HttpStatusCode, System.Text.Json.Nodes.JsonNode.Parse(notAGuid.Raw!)!["error"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.Unauthorized, "invalid_client")));
        Assert.That(notAGuid.HttpResponse!.Headers.WwwAuthenticate, Is.Empty, "no Basic challenge when the credentials came in the body");

        var unsupported = await http.RequestTokenAsync(new TokenRequest { Address = TokenUrl, GrantType = "urn:ietf:params:oauth:grant-type:device_code", ClientId = id });
        Assert.That((unsupported.HttpStatusCode, unsupported.Error), Is.EqualTo((HttpStatusCode.BadRequest, "unsupported_grant_type")));
        var stale = await http.RequestRefreshTokenAsync(new RefreshTokenRequest { Address = TokenUrl, ClientId = "okr-web", RefreshToken = "not-a-refresh-token" });
        Assert.That((stale.HttpStatusCode, stale.Error), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant")));

        using var form = new FormUrlEncodedContent([new("username", "member@example.com")]);
        var noGrant = await http.PostAsync(TokenUrl, form);
        Assert.That(noGrant.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await JsonAsync(noGrant);
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("invalid_request"));
        Assert.That(body["error_description"]!.GetValue<string>(), Does.Contain("grant_type"));

        // The JSON request answers as it always did.
        var json = await ExpectJsonAsync(await http.PostAsJsonAsync(TokenUrl, new { email = "member@example.com", password = Password }), HttpStatusCode.OK);
        Assert.That(json["accessToken"], Is.Not.Null);
        await ExpectProblemAsync(await http.PostAsync(TokenUrl, new StringContent("{\"email\": 5}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ExpectProblemAsync(await http.PostAsync(TokenUrl, new StringContent("email=x", System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
    }
}
