using System.Net;
using System.Net.Http.Json;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The web app's session: the refresh token only ever travels in an HttpOnly, SameSite=Strict cookie scoped to the session
/// endpoints, never in a body a script could read; the endpoints need X-Okr-Client: web (CSRF); rotation and reuse
/// detection work as for bearer refresh tokens.
/// </summary>
public sealed class BrowserSessionTests : OrganisationTest
{
    private static HttpRequestMessage Request(HttpMethod method, string url, string? cookie = null, object? body = null, bool web = true)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (web) request.Headers.Add("X-Okr-Client", "web");
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return request;
    }

    /// <summary>A client that sends exactly the cookies a test gives it (the default test client keeps a cookie jar).</summary>
    private static HttpClient NoCookieJar() => Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

    private static string CookieOf(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith("okr_refresh=", StringComparison.Ordinal));
        return header.Split(';')[0];
    }

    [Test]
    public async Task TheRefreshTokenLivesInAnHttpOnlyCookieAndRotates()
    {
        var client = NoCookieJar();
        var signIn = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session", body: new { email = "member@example.com", password = Password }));
        var body = await ExpectJsonAsync(signIn, HttpStatusCode.OK);
        Assert.That(body.AsObject().ContainsKey("refreshToken"), Is.False, "no refresh token where a script could read it");
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        Assert.That(setCookie, Does.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/api/v1/auth/session"));

        var first = CookieOf(signIn);
        var renewed = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session/refresh", first));
        Assert.That((await ExpectJsonAsync(renewed, HttpStatusCode.OK))["accessToken"], Is.Not.Null);
        var second = CookieOf(renewed);
        Assert.That(second, Is.Not.EqualTo(first), "the cookie rotates");

        // The old cookie again, past the leeway for a lost answer: reuse, so the whole session ends.
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddSeconds(31));
        await ExpectProblemAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session/refresh", first)), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session/refresh", second)), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task WithoutTheWebAppsHeaderTheCookieIsNoUse()
    {
        var client = NoCookieJar();
        await ExpectProblemAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session", body: new { email = "member@example.com", password = Password }, web: false)),
            HttpStatusCode.Forbidden);
        var signIn = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session", body: new { email = "member@example.com", password = Password }));
        var cookie = CookieOf(signIn);
        await ExpectProblemAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session/refresh", cookie, web: false)), HttpStatusCode.Forbidden);
        await ExpectAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session/refresh", cookie)), HttpStatusCode.OK);
    }

    [Test]
    public async Task SigningOutRevokesTheSessionAndDeletesTheCookie()
    {
        var client = NoCookieJar();
        var cookie = CookieOf(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session", body: new { email = "member@example.com", password = Password })));
        var signOut = await client.SendAsync(Request(HttpMethod.Delete, "/api/v1/auth/session", cookie));
        await ExpectAsync(signOut, HttpStatusCode.NoContent);
        Assert.That(signOut.Headers.GetValues("Set-Cookie").Single(), Does.Contain("expires=Thu, 01 Jan 1970"));
        await ExpectProblemAsync(await client.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/session/refresh", cookie)), HttpStatusCode.Unauthorized);
    }
}
