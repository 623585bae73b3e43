using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;
using Okr.TestIssuer;

namespace Okr.Api.Tests.Api;

/// <summary>
/// Single sign-on in the web app against a real OpenID Connect provider running here (OpenIddict, tests/Okr.TestIssuer):
/// the browser's redirects are followed by hand, so each step (PKCE, state, nonce, the code exchange, the cookie) is the
/// one a browser would make.
/// </summary>
public sealed class SingleSignOnTests : OrganisationTest
{
    private const string ClientSecret = "okr-test-secret";
    private const string IssuerPassword = "issuer-password";
    private static WebApplication _issuer = null!;
    private static string _issuerUrl = null!;

    [OneTimeSetUp]
    public async Task StartProviderAsync()
    {
        _issuer = TestIssuer.TestIssuer.Build("http://127.0.0.1:0", new TestIssuerSettings(
        [
            new TestAccount("member@example.com", "Member At Provider"),
            new TestAccount("newcomer@example.com", "Nadia Newcomer"),
            new TestAccount("unverified@example.com", "Una Verified", EmailVerified: false),
            new TestAccount("invitee@example.com", "Ivy Invitee"),
            new TestAccount("gone@example.com", "Gone Person"),
            new TestAccount("noclaim@example.com", "No Claim", EmailVerified: null),
        ], "okr", ClientSecret, ["http://localhost/api/v1/auth/sso/callback"], IssuerPassword));
        await _issuer.StartAsync();
        _issuerUrl = _issuer.Urls.Single();
    }

    [OneTimeTearDown]
    public async Task StopProviderAsync() => await _issuer.DisposeAsync();

    private static WebApplicationFactory<Program> WithSso(bool createMembers = false, string secret = ClientSecret, string? allowedDomains = null, bool trustUnverified = false) =>
        Factory.WithWebHostBuilder(builder =>
    {
        if (allowedDomains is not null) builder.UseSetting("Okr:Sso:AllowedDomains", allowedDomains);
        builder.UseSetting("Okr:Sso:TrustUnverifiedEmail", trustUnverified ? "true" : "false");
        builder.UseSetting("Okr:Sso:Authority", _issuerUrl);
        builder.UseSetting("Okr:Sso:ClientId", "okr");
        builder.UseSetting("Okr:Sso:ClientSecret", secret);
        builder.UseSetting("Okr:Sso:Name", "Test IdP");
        builder.UseSetting("Okr:Sso:CreateMembers", createMembers ? "true" : "false");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    });

    /// <summary>A browser: Okr's cookies in one jar, the provider's in another, redirects followed by the test.</summary>
    private sealed class Browser
    {
        public Browser(WebApplicationFactory<Program> okr)
        {
            Okr = okr.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            // A browser on this machine, as with `make run`: the session cookie is not Secure over plain HTTP here only.
            Okr.DefaultRequestHeaders.Add(RemoteAddressFromHeader.Header, "127.0.0.1");
        }

        public HttpClient Okr { get; }
        public HttpClient Provider { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

        /// <summary>Presses "Sign in with …" and gets as far as the provider's redirect back to Okr; answers that callback URL.</summary>
        public async Task<Uri> ThroughProviderAsync(string email, string returnTo = "/objectives?mine=1", string password = IssuerPassword)
        {
            var start = await Okr.GetAsync($"/api/v1/auth/sso/start?returnTo={Uri.EscapeDataString(returnTo)}");
            Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Found));
            var authorize = start.Headers.Location!;
            var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
            Assert.That(authorize.GetLeftPart(UriPartial.Path), Is.EqualTo(_issuerUrl + "/connect/authorize"));
            Assert.That(query["response_type"], Is.EqualTo("code"));
            Assert.That(query["code_challenge_method"], Is.EqualTo("S256"), "PKCE");
            Assert.That(query["code_challenge"], Is.Not.Empty);
            Assert.That(query["state"], Is.Not.Empty);
            Assert.That(query["nonce"], Is.Not.Empty);
            Assert.That(query["scope"]!.Split(' '), Does.Contain("email"));

            var toForm = await Provider.GetAsync(authorize);
            Assert.That(toForm.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await toForm.Content.ReadAsStringAsync());
            var returnUrl = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(_issuerUrl), toForm.Headers.Location!).Query)["returnUrl"]!;
            var signedIn = await Provider.PostAsync(_issuerUrl + "/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl,
            }));
            var again = await Provider.GetAsync(new Uri(new Uri(_issuerUrl), signedIn.Headers.Location!));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await again.Content.ReadAsStringAsync());
            var callback = again.Headers.Location!;
            Assert.That(callback.AbsolutePath, Is.EqualTo("/api/v1/auth/sso/callback"));
            return callback;
        }

        /// <summary>Follows the provider's redirect back to Okr: answers where Okr sends the browser next.</summary>
        public async Task<(string Location, HttpResponseMessage Response)> BackToOkrAsync(Uri callback)
        {
            var response = await Okr.GetAsync(callback.PathAndQuery);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
            return (response.Headers.Location!.OriginalString, response);
        }

        /// <summary>What the web app does when the page loads: renew the session from the cookie.</summary>
        public Task<HttpResponseMessage> RenewAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/session/refresh");
            request.Headers.Add("X-Okr-Client", "web");
            return Okr.SendAsync(request);
        }

        public async Task<JsonNode> MeAsync()
        {
            var session = await ExpectJsonAsync(await RenewAsync(), HttpStatusCode.OK);
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
            request.Headers.Authorization = new("Bearer", session["accessToken"]!.GetValue<string>());
            return await ExpectJsonAsync(await Okr.SendAsync(request), HttpStatusCode.OK);
        }
    }

    [Test]
    public async Task APersonSignsInThroughTheProviderAndLandsWhereTheyStarted()
    {
        await using var okr = WithSso();
        var offer = await ExpectJsonAsync(await okr.CreateClient().GetAsync("/api/v1/auth/sso"), HttpStatusCode.OK);
        Assert.That(offer["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(offer["name"]!.GetValue<string>(), Is.EqualTo("Test IdP"));
        Assert.That(offer["startUrl"]!.GetValue<string>(), Is.EqualTo("/api/v1/auth/sso/start"));

        var browser = new Browser(okr);
        var (location, response) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("MEMBER@example.com"));
        Assert.That(location, Is.EqualTo("/signed-in?returnTo=%2Fobjectives%3Fmine%3D1"));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("okr_refresh=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.That(cookie, Does.Contain("httponly").And.Contain("samesite=strict"), "the same session cookie as a password sign-in");

        var me = await browser.MeAsync();
        Assert.That(Id(me), Is.EqualTo(Org.MemberId));
        Assert.That(me["displayName"]!.GetValue<string>(), Is.Not.EqualTo("Member At Provider"), "the provider's name does not overwrite Okr's");

        // The first sign-in from that network is in the audit log, with how it happened.
        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityType=user&entityId={Org.MemberId}"), HttpStatusCode.OK);
        var fromHere = audit["items"]!.AsArray().Single(e => e!["action"]!.GetValue<string>() == "signed_in" && e["changes"]!["network"]!["new"]!.GetValue<string>() == "127.0.0.0/24");
        Assert.That(fromHere!["changes"]!["method"]!["new"]!.GetValue<string>(), Is.EqualTo("single_sign_on"));
        Assert.That(fromHere["actorUserId"]!.GetValue<string>(), Is.EqualTo(Org.MemberId.ToString()));
    }

    [Test]
    public async Task ReturnToElsewhereLandsOnTheHomePage()
    {
        await using var okr = WithSso();
        foreach (var returnTo in new[] { "https://evil.example/steal", "//evil.example", "/\\evil.example" })
        {
            var browser = new Browser(okr);
            var (location, _) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("member@example.com", returnTo));
            Assert.That(location, Is.EqualTo("/signed-in?returnTo=%2F"), returnTo);
        }
    }

    [Test]
    public async Task AnEmailWithoutAnAccountIsRefusedUnlessMembersAreCreatedJustInTime()
    {
        await using (var okr = WithSso())
        {
            var browser = new Browser(okr);
            var (location, response) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("newcomer@example.com"));
            Assert.That(location, Is.EqualTo("/sign-in?sso=no_account"));
            Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("okr_refresh=", StringComparison.Ordinal)), Is.False);
            await ExpectProblemAsync(await browser.RenewAsync(), HttpStatusCode.Unauthorized);
            var people = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/users?q=newcomer"), HttpStatusCode.OK);
            Assert.That(people["items"]!.AsArray(), Is.Empty, "nobody was created");
        }

        await using (var okr = WithSso(createMembers: true))
        {
            var browser = new Browser(okr);
            var (location, _) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("newcomer@example.com"));
            Assert.That(location, Is.EqualTo("/signed-in?returnTo=%2Fobjectives%3Fmine%3D1"));
            var me = await browser.MeAsync();
            Assert.That(me["email"]!.GetValue<string>(), Is.EqualTo("newcomer@example.com"));
            Assert.That(me["displayName"]!.GetValue<string>(), Is.EqualTo("Nadia Newcomer"));
            Assert.That(me["role"]!.GetValue<string>(), Is.EqualTo("member"), "just-in-time people are members, never more");
        }
    }

    [Test]
    public async Task AnUnverifiedEmailNamesNobody()
    {
        await AddUserAsync("unverified@example.com");
        await using var okr = WithSso(createMembers: true);
        var browser = new Browser(okr);
        var (location, _) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("unverified@example.com"));
        Assert.That(location, Is.EqualTo("/sign-in?sso=unverified_email"));
        await ExpectProblemAsync(await browser.RenewAsync(), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AnEmailWithoutAVerifiedClaimIsTrustedOnlyWhenConfiguredAndAFalseOneNever()
    {
        await AddUserAsync("noclaim@example.com");
        await AddUserAsync("unverified@example.com");
        await using (var strict = WithSso())
        {
            var browser = new Browser(strict);
            Assert.That((await browser.BackToOkrAsync(await browser.ThroughProviderAsync("noclaim@example.com"))).Location, Is.EqualTo("/sign-in?sso=unverified_email"));
        }

        await using var trusting = WithSso(trustUnverified: true);
        var trusted = new Browser(trusting);
        Assert.That((await trusted.BackToOkrAsync(await trusted.ThroughProviderAsync("noclaim@example.com"))).Location, Does.StartWith("/signed-in"));
        Assert.That((await trusted.MeAsync())["email"]!.GetValue<string>(), Is.EqualTo("noclaim@example.com"));
        var refused = new Browser(trusting);
        Assert.That((await refused.BackToOkrAsync(await refused.ThroughProviderAsync("unverified@example.com"))).Location, Is.EqualTo("/sign-in?sso=unverified_email"),
            "email_verified: false is never trusted");
    }

    [Test]
    public async Task JustInTimeMembersComeOnlyFromTheAllowedDomains()
    {
        await using var okr = WithSso(createMembers: true, allowedDomains: "example.org, @okr.example");
        var browser = new Browser(okr);
        Assert.That((await browser.BackToOkrAsync(await browser.ThroughProviderAsync("newcomer@example.com"))).Location, Is.EqualTo("/sign-in?sso=no_account"));
        // People already in Okr sign in whatever their domain.
        var member = new Browser(okr);
        Assert.That((await member.BackToOkrAsync(await member.ThroughProviderAsync("member@example.com"))).Location, Does.StartWith("/signed-in"));
    }

    [Test]
    public async Task ADeactivatedPersonStaysOut()
    {
        var gone = await AddUserAsync("gone@example.com");
        await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/users/{gone}/deactivate", null), HttpStatusCode.OK);
        await using var okr = WithSso(createMembers: true);
        var browser = new Browser(okr);
        var (location, _) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("gone@example.com"));
        Assert.That(location, Is.EqualTo("/sign-in?sso=deactivated"));
    }

    [Test]
    public async Task AnInvitedPersonWhoUsesSingleSignOnIsInAndTheirLinkStopsWorking()
    {
        await using var okr = WithSso();
        var invitation = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/invitations", new { email = "invitee@example.com", displayName = "Ivy", role = "member" }),
            HttpStatusCode.Created);
        var token = Uri.UnescapeDataString(invitation["link"]!.GetValue<string>().Split("token=")[1]);

        var browser = new Browser(okr);
        await browser.BackToOkrAsync(await browser.ThroughProviderAsync("invitee@example.com"));
        var me = await browser.MeAsync();
        Assert.That(me["invited"]!.GetValue<bool>(), Is.False);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/invitations/accept", new { token, password = "a-long-new-passphrase-1" }),
            HttpStatusCode.UnprocessableEntity, "token");
    }

    [Test]
    public async Task AForgedStateOrAReplayedCodeSignsNobodyIn()
    {
        await using var okr = WithSso();
        var browser = new Browser(okr);
        var callback = await browser.ThroughProviderAsync("member@example.com");
        var forged = new UriBuilder(callback) { Query = System.Text.RegularExpressions.Regex.Replace(callback.Query.TrimStart('?'), "state=[^&]+", "state=forged") };
        var (location, _) = await browser.BackToOkrAsync(forged.Uri);
        Assert.That(location, Is.EqualTo("/sign-in?sso=failed"));

        // The real answer still works once (the correlation cookie is spent by it), and a second time it does not.
        var fresh = new Browser(okr);
        var good = await fresh.ThroughProviderAsync("member@example.com");
        Assert.That((await fresh.BackToOkrAsync(good)).Location, Is.EqualTo("/signed-in?returnTo=%2Fobjectives%3Fmine%3D1"));
        Assert.That((await fresh.BackToOkrAsync(good)).Location, Is.EqualTo("/sign-in?sso=failed"));

        // Another browser presenting a code it intercepted: it has no correlation cookie, so nothing happens.
        var thief = new Browser(okr);
        var stolen = await new Browser(okr).ThroughProviderAsync("member@example.com");
        var (thiefLands, thiefResponse) = await thief.BackToOkrAsync(stolen);
        Assert.That(thiefLands, Is.EqualTo("/sign-in?sso=failed"));
        await ExpectProblemAsync(await thief.RenewAsync(), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AWrongClientSecretFailsTheCodeExchange()
    {
        await using var okr = WithSso(secret: "not-the-secret");
        var browser = new Browser(okr);
        var (location, _) = await browser.BackToOkrAsync(await browser.ThroughProviderAsync("member@example.com"));
        Assert.That(location, Is.EqualTo("/sign-in?sso=failed"));
    }

    [Test]
    public async Task WithoutAProviderThereIsNoButton()
    {
        var offer = await ExpectJsonAsync(await Anonymous().GetAsync("/api/v1/auth/sso"), HttpStatusCode.OK);
        Assert.That(offer["enabled"]!.GetValue<bool>(), Is.False);
        Assert.That(offer["name"], Is.Null);
        await ExpectProblemAsync(await Anonymous().GetAsync("/api/v1/auth/sso/start"), HttpStatusCode.NotFound);
    }
}
