using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>Tokens, API clients, lockout and rate limits, password changes and deactivation.</summary>
public sealed class IdentityTests : OrganisationTest
{
    private static async Task<JsonNode> TokenAsync(object credentials, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", credentials), expected);

    private static HttpClient Bearer(JsonNode token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    [Test]
    public async Task RefreshRotatesAndReuseRevokesTheWholeFamily()
    {
        var first = await TokenAsync(new { email = "member@example.com", password = Password });
        var oldRefresh = first["refreshToken"]!.GetValue<string>();
        var second = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = oldRefresh }), HttpStatusCode.OK);
        var newRefresh = second["refreshToken"]!.GetValue<string>();
        Assert.That(newRefresh, Is.Not.EqualTo(oldRefresh));
        await ExpectAsync(await Bearer(second).GetAsync("/api/v1/users/me"), HttpStatusCode.OK);

        // The old token is used again, past the leeway for lost answers: someone replayed it. Both it and its successor stop working.
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddSeconds(31));
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = oldRefresh }), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = newRefresh }), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ARenewalWhoseAnswerWasLostCanBeRepeatedOnceWithinTheLeeway()
    {
        var first = await TokenAsync(new { email = "member@example.com", password = Password });
        var sent = first["refreshToken"]!.GetValue<string>();
        var lost = (await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = sent }), HttpStatusCode.OK))["refreshToken"]!.GetValue<string>();

        // The answer carrying `lost` never arrived, so the same token is sent again seconds later: the session goes on.
        var retried = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = sent }), HttpStatusCode.OK);
        var kept = retried["refreshToken"]!.GetValue<string>();
        Assert.That(kept, Is.Not.EqualTo(lost));
        var next = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = kept }), HttpStatusCode.OK);
        var once = await TokenAsync(new { email = "member@example.com", password = Password });
        var spent = once["refreshToken"]!.GetValue<string>();
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = spent }), HttpStatusCode.OK);
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = spent }), HttpStatusCode.OK); // the leeway, once
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = spent }), HttpStatusCode.Unauthorized); // not twice

        // But the token that was never received is spent: whoever holds it replayed it, and the whole family ends.
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = lost }), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = next["refreshToken"]!.GetValue<string>() }),
            HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task TwoRenewalsWithTheSameTokenAtOnceAreTakenInTurnAndTheSessionGoesOn()
    {
        // A page reloaded while its renewal was on the way sends the same token again at the same moment: not theft.
        for (var round = 0; round < 5; round++)
        {
            var token = (await TokenAsync(new { email = "member@example.com", password = Password }))["refreshToken"]!.GetValue<string>();
            var answers = await Task.WhenAll(
                Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token }),
                Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token }));
            Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), "both renew: the second through the leeway");
            // The second in turn renewed through the leeway, which spent the first's successor: its own successor is the
            // session now, and it goes on renewing (the family was not revoked).
            var secrets = await Task.WhenAll(answers.Select(async a => (await JsonAsync(a))["refreshToken"]!.GetValue<string>()));
            var live = new List<string>();
            await GlobalSetup.WithDbAsync(async db =>
            {
                foreach (var secret in secrets)
                {
                    var hash = Okr.Api.Infrastructure.Auth.TokenService.Hash(secret);
                    if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.RefreshTokens, t => t.TokenHash == hash && t.RevokedAt == null)) live.Add(secret);
                }
            });
            Assert.That(live, Has.Count.EqualTo(1), "exactly one successor is the session");
            var renewed = await ExpectJsonAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = live[0] }), HttpStatusCode.OK);
            await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = renewed["refreshToken"]!.GetValue<string>() }), HttpStatusCode.OK);
        }
    }

    [Test]
    public async Task LongDeadRefreshTokensAreForgottenAtTheNextSignIn()
    {
        await TokenAsync(new { email = "member@example.com", password = Password });
        Factory.Clock.Set(DateTimeOffset.UtcNow.AddDays(30));
        await TokenAsync(new { email = "member@example.com", password = Password });
        var count = 0;
        await GlobalSetup.WithDbAsync(async db => count = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.RefreshTokens, t => t.UserId == Org.MemberId));
        Assert.That(count, Is.EqualTo(1), "only the new sign-in's token is kept");
    }

    [Test]
    public async Task LogoutRevokesTheRefreshToken()
    {
        var token = await TokenAsync(new { email = "member@example.com", password = Password });
        var refresh = token["refreshToken"]!.GetValue<string>();
        await ExpectAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = refresh }), HttpStatusCode.NoContent);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task RepeatedFailedSignInsLockTheAccount()
    {
        for (var i = 0; i < 5; i++)
        {
            await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = "wrong-password" }),
                HttpStatusCode.Unauthorized);
        }

        var locked = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password });
        await ExpectProblemAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.That(int.Parse(locked.Headers.GetValues("Retry-After").Single()), Is.InRange(1, 15 * 60));

        Factory.Clock.Set(DateTimeOffset.UtcNow.AddMinutes(16));
        await TokenAsync(new { email = "member@example.com", password = Password });
    }

    [Test]
    public async Task TokenEndpointIsRateLimitedPerAddress()
    {
        await using var strict = Factory.WithWebHostBuilder(builder => builder.UseSetting("Okr:Auth:AuthRequestsPerMinute", "3"));
        var client = strict.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.com", password = "x" }), HttpStatusCode.Unauthorized);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password });
        await ExpectProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
    }

    [TestCase("10.0.0.0/8", true)]
    [TestCase(null, false)]
    public async Task BehindATrustedProxyTheRateLimitCountsEachClientAddress(string? trustedProxies, bool separate)
    {
        await using var proxied = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Okr:Auth:AuthRequestsPerMinute", "3");
            if (trustedProxies is not null) builder.UseSetting("Okr:TrustedProxies", trustedProxies);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new FromAddress(IPAddress.Parse("10.0.0.5"))));
        });
        var client = proxied.CreateClient();
        Task<HttpResponseMessage> SignIn(string forwardedFor) => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { email = $"{Guid.NewGuid():N}@example.com", password = "wrong-password" }),
            Headers = { { "X-Forwarded-For", forwardedFor } },
        });

        for (var i = 0; i < 3; i++) await ExpectProblemAsync(await SignIn("203.0.113.1"), HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await SignIn("203.0.113.1"), HttpStatusCode.TooManyRequests);
        // Another person behind the same proxy: their own budget, but only if the proxy is trusted. Otherwise the
        // header is anyone's to forge, and everything counts against the one address the connection comes from.
        await ExpectProblemAsync(await SignIn("203.0.113.2"), separate ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task TheFirstSignInFromANetworkIsAuditedOnceWithItsMethodAndBrowser()
    {
        await using var host = Factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>()));
        var client = host.CreateClient();
        async Task SignInFrom(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email = "lead@example.com", password = Password }) };
            request.Headers.Add(RemoteAddressFromHeader.Header, address);
            request.Headers.UserAgent.ParseAdd("OkrTest/1.0");
            await ExpectJsonAsync(await client.SendAsync(request), HttpStatusCode.OK);
        }

        await SignInFrom("203.0.113.9");
        await SignInFrom("203.0.113.77"); // the same office network
        await SignInFrom("::ffff:203.0.113.12"); // the same, as IPv6 writes it
        await SignInFrom("2001:db8:1:2::5");
        await Task.WhenAll(SignInFrom("198.51.100.1"), SignInFrom("198.51.100.2")); // at once, from a new network

        var audit = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/audit?entityType=user&entityId={Org.LeadId}&pageSize=100"), HttpStatusCode.OK);
        var places = audit["items"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "signed_in")
            .Select(e => e!["changes"]!["network"]!["new"]!.GetValue<string>()).ToList();
        // "unknown": the set-up's own sign-in, which came without an address.
        Assert.That(places, Is.EquivalentTo(new[] { "unknown", "203.0.113.0/24", "2001:db8:1::/48", "198.51.100.0/24" }), "one entry per new network, however many sign-ins");
        var entry = audit["items"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "signed_in")!;
        Assert.That(entry["changes"]!["method"]!["new"]!.GetValue<string>(), Is.EqualTo("password"));
        Assert.That(entry["changes"]!["userAgent"]!["new"]!.GetValue<string>(), Is.EqualTo("OkrTest/1.0"));
        Assert.That(entry["actorUserId"]!.GetValue<string>(), Is.EqualTo(Org.LeadId.ToString()));
    }

    /// <summary>Makes every request arrive from one address (the test server has none), as through a reverse proxy.</summary>
    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    [Test]
    public async Task ChangingThePasswordSignsOutOtherSessions()
    {
        var session = await TokenAsync(new { email = "member@example.com", password = Password });
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = "not-it-at-all", newPassword = "a-new-long-password" }),
            HttpStatusCode.UnprocessableEntity, "currentPassword");
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "short" }),
            HttpStatusCode.BadRequest, "newPassword");
        await ExpectAsync(await Org.Member.PostAsJsonAsync("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "a-new-long-password" }),
            HttpStatusCode.NoContent);

        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session["refreshToken"]!.GetValue<string>() }),
            HttpStatusCode.Unauthorized);
        await TokenAsync(new { email = "member@example.com", password = Password }, HttpStatusCode.Unauthorized);
        await TokenAsync(new { email = "member@example.com", password = "a-new-long-password" });
    }

    [Test]
    public async Task DeactivatedPeopleCannotSignInOrRefresh()
    {
        var session = await TokenAsync(new { email = "member@example.com", password = Password });
        await ExpectProblemAsync(await Org.Lead.PostAsync($"/api/v1/users/{Org.MemberId}/deactivate", null), HttpStatusCode.Forbidden);
        var deactivated = await ExpectJsonAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/deactivate", null), HttpStatusCode.OK);
        Assert.That(deactivated["active"]!.GetValue<bool>(), Is.False);
        await TokenAsync(new { email = "member@example.com", password = Password }, HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session["refreshToken"]!.GetValue<string>() }),
            HttpStatusCode.Unauthorized);

        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/activate", null), HttpStatusCode.OK);
        await TokenAsync(new { email = "member@example.com", password = Password });
        await ExpectProblemAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.AdminId}/deactivate", null), HttpStatusCode.UnprocessableEntity);
    }

    private async Task<(Guid Id, string Secret)> CreateClientAsync(string scope)
    {
        var created = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/api-clients", new { name = $"{scope} integration", scope }), HttpStatusCode.Created);
        return (Guid.Parse(created["client"]!["id"]!.GetValue<string>()), created["clientSecret"]!.GetValue<string>());
    }

    [Test]
    public async Task ApiClientsSignInWithTheirSecretAndWriteAsThemselves()
    {
        var (id, secret) = await CreateClientAsync("write");
        var token = await TokenAsync(new { grantType = "client_credentials", clientId = id, clientSecret = secret });
        Assert.That(token["refreshToken"], Is.Null);
        var client = Bearer(token);

        var objective = await ExpectJsonAsync(await client.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = "Synced from CRM", periodId = Org.PeriodId, teamId = Org.ProductId,
            keyResults = new[] { new { title = "Deals", direction = "increase", baseline = 0, target = 10 } },
        }), HttpStatusCode.Created);
        var checkIn = await ExpectJsonAsync(await client.PostAsJsonAsync($"/api/v1/key-results/{Id(objective["keyResults"]![0]!)}/check-ins", new { value = 3 }),
            HttpStatusCode.Created);
        Assert.That(checkIn["source"]!.GetValue<string>(), Is.EqualTo("api"));
        Assert.That(checkIn["authorId"], Is.Null);
        Assert.That(checkIn["apiClientId"]!.GetValue<string>(), Is.EqualTo(id.ToString()));

        // Drafts belong to their owners, the team's leads and admins: a client gets its draft back once, then no more.
        var draft = await ExpectJsonAsync(await client.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = "Not yet", state = "draft", periodId = Org.PeriodId, teamId = Org.ProductId,
        }), HttpStatusCode.Created);
        await ExpectProblemAsync(await client.GetAsync($"/api/v1/objectives/{Id(draft)}"), HttpStatusCode.NotFound);
        await ExpectAsync(await Org.Lead.GetAsync($"/api/v1/objectives/{Id(draft)}"), HttpStatusCode.OK);

        var list = await ExpectJsonAsync(await Org.Admin.GetAsync("/api/v1/api-clients"), HttpStatusCode.OK);
        var listed = list["items"]!.AsArray().Single()!;
        Assert.That(listed["lastUsedAt"], Is.Not.Null);
        Assert.That(listed.ToJsonString(), Does.Not.Contain(secret), "the secret is shown once, at creation");

        // Clients are not admins: people and structure stay with people.
        await ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/periods", new { label = "x", startDate = "2027-01-01", endDate = "2027-02-01" }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task ViewersAndReadClientsSeePeopleWithoutTheirEmails()
    {
        var viewerId = await AddUserAsync("viewer@example.com", OrgRole.Viewer);
        var viewer = await SignInAsync("viewer@example.com");
        var (id, secret) = await CreateClientAsync("read");
        var reader = Bearer(await TokenAsync(new { grantType = "client_credentials", clientId = id, clientSecret = secret }));

        foreach (var caller in new[] { viewer, reader })
        {
            var member = await ExpectJsonAsync(await caller.GetAsync($"/api/v1/users/{Org.MemberId}"), HttpStatusCode.OK);
            Assert.That(member["email"], Is.Null);
            Assert.That(member["displayName"], Is.Not.Null, "who people are stays visible");
            var page = await ExpectJsonAsync(await caller.GetAsync("/api/v1/users?pageSize=100"), HttpStatusCode.OK);
            Assert.That(page["items"]!.AsArray().Where(u => Guid.Parse(u!["id"]!.GetValue<string>()) != viewerId).Select(u => u!["email"]), Is.All.Null);
            // A search on a hidden email would spell it out letter by letter.
            var byEmail = await ExpectJsonAsync(await caller.GetAsync("/api/v1/users?q=member%40example"), HttpStatusCode.OK);
            Assert.That(byEmail["items"]!.AsArray(), Is.Empty);
        }

        var own = await ExpectJsonAsync(await viewer.GetAsync($"/api/v1/users/{viewerId}"), HttpStatusCode.OK);
        Assert.That(own["email"]!.GetValue<string>(), Is.EqualTo("viewer@example.com"));
        var me = await ExpectJsonAsync(await viewer.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        Assert.That(me["email"]!.GetValue<string>(), Is.EqualTo("viewer@example.com"));
        var seenByMember = await ExpectJsonAsync(await Org.Member.GetAsync("/api/v1/users?q=lead%40example"), HttpStatusCode.OK);
        Assert.That(seenByMember["items"]![0]!["email"]!.GetValue<string>(), Is.EqualTo("lead@example.com"));
    }

    [Test]
    public async Task ReadClientsNeverWriteAndRevokedClientsCannotSignIn()
    {
        var (id, secret) = await CreateClientAsync("read");
        var client = Bearer(await TokenAsync(new { grantType = "client_credentials", clientId = id, clientSecret = secret }));
        await ExpectAsync(await client.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        await ExpectProblemAsync(await client.PostAsJsonAsync("/api/v1/objectives", new { title = "x", periodId = Org.PeriodId, teamId = Org.ProductId }),
            HttpStatusCode.Forbidden);

        await TokenAsync(new { grantType = "client_credentials", clientId = id, clientSecret = secret + "x" }, HttpStatusCode.Unauthorized);
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/api-clients/{id}"), HttpStatusCode.NoContent);
        await TokenAsync(new { grantType = "client_credentials", clientId = id, clientSecret = secret }, HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/api-clients", new { name = "mine", scope = "write" }), HttpStatusCode.Forbidden);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { grantType = "client_credentials", clientId = id }),
            HttpStatusCode.BadRequest, "clientSecret");
    }

    [Test]
    public async Task DeactivationAndRevocationStopAccessTokensAtOnce()
    {
        await ExpectAsync(await Org.Member.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        await ExpectAsync(await Org.Admin.PostAsync($"/api/v1/users/{Org.MemberId}/deactivate", null), HttpStatusCode.OK);
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);

        var (id, secret) = await CreateClientAsync("write");
        var client = Bearer(await TokenAsync(new { grantType = "client_credentials", clientId = id, clientSecret = secret }));
        await ExpectAsync(await client.GetAsync("/api/v1/periods"), HttpStatusCode.OK);
        await ExpectAsync(await Org.Admin.DeleteAsync($"/api/v1/api-clients/{id}"), HttpStatusCode.NoContent);
        await ExpectProblemAsync(await client.GetAsync("/api/v1/periods"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ParallelWrongPasswordsAreAllCountedTowardsTheLockout()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = "wrong-password" })));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password }),
            HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task ErrorAnswersCarrySecurityHeadersToo()
    {
        var forbidden = await Org.Member.PostAsJsonAsync("/api/v1/periods", new { label = "x", startDate = "2027-01-01", endDate = "2027-02-01" });
        await ExpectProblemAsync(forbidden, HttpStatusCode.Forbidden);
        Assert.That(forbidden.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        Assert.That(forbidden.Headers.Contains("Content-Security-Policy"), Is.True);
    }

    [Test]
    public async Task ResponsesCarrySecurityHeadersAndNoCorsForUnknownOrigins()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await Org.Member.SendAsync(request);
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Does.Contain("DENY"));
        Assert.That(response.Headers.Contains("Content-Security-Policy"), Is.True);
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task ConfiguredOriginsMayCallTheApiFromABrowser()
    {
        await using var withCors = Factory.WithWebHostBuilder(builder => builder.UseSetting("Okr:Cors:Origins", "https://okr.example.com"));
        var client = withCors.CreateClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/objectives");
        preflight.Headers.Add("Origin", "https://okr.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "PATCH");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,if-match,content-type");
        var answer = await client.SendAsync(preflight);
        Assert.That(answer.Headers.GetValues("Access-Control-Allow-Origin"), Does.Contain("https://okr.example.com"));

        foreach (var (origin, allowed) in new[] { ("https://okr.example.com", true), ("https://evil.example", false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
            request.Headers.Add("Origin", origin);
            var response = await client.SendAsync(request); // 401: errors must carry the header too, or browsers hide them
            await ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.EqualTo(allowed), origin);
        }

        // An error raised inside a handler (403) keeps the header as well.
        var token = await ExpectJsonAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "member@example.com", password = Password }), HttpStatusCode.OK);
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/v1/periods") { Content = JsonContent.Create(new { label = "x", startDate = "2027-01-01", endDate = "2027-02-01" }) };
        write.Headers.Add("Origin", "https://okr.example.com");
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        var forbidden = await client.SendAsync(write);
        await ExpectProblemAsync(forbidden, HttpStatusCode.Forbidden);
        Assert.That(forbidden.Headers.Contains("Access-Control-Allow-Origin"), Is.True);
    }

    [Test]
    public async Task ErrorBodiesCarryNoStackTraces()
    {
        var problem = await ExpectProblemAsync(await PostRawAsync(Org.Admin, "/api/v1/objectives", "{\"title\": \"\\u0000\", \"periodId\": \"" + Org.PeriodId + "\", \"teamId\": \"" + Org.CompanyId + "\"}"),
            HttpStatusCode.BadRequest);
        Assert.That(problem.ToJsonString(), Does.Not.Contain(" at ").And.Not.Contain("Npgsql"));
    }
}
