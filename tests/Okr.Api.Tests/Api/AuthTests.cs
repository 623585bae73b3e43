using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

public sealed class AuthTests : ApiTest
{
    [Test]
    public async Task ReturnsAnAccessTokenForTheRightPassword()
    {
        await AddUserAsync("ada@example.com");
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "ADA@example.com ", password = Password });
        var body = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.That(body["tokenType"]!.GetValue<string>(), Is.EqualTo("Bearer"));
        Assert.That(body["expiresIn"]!.GetValue<int>(), Is.EqualTo(900));
        Assert.That(body["refreshToken"]!.GetValue<string>(), Does.StartWith("okr_rt_"));
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(body["accessToken"]!.GetValue<string>());
        Assert.That(jwt.Claims.First(c => c.Type == "email").Value, Is.EqualTo("ada@example.com"));
        Assert.That(jwt.Header.Alg, Is.EqualTo("HS256"));
    }

    [Test]
    public async Task Returns401ForAWrongPasswordOrUnknownEmail()
    {
        await AddUserAsync("ada@example.com");
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "ada@example.com", password = "wrong-password" }),
            HttpStatusCode.Unauthorized);
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.com", password = Password }),
            HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Returns400WhenCredentialsAreMissing() =>
        await ExpectProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = "ada@example.com", password = "" }),
            HttpStatusCode.BadRequest, "password");

    [TestCase("/api/v1/users/me")]
    [TestCase("/api/v1/objectives")]
    [TestCase("/api/v1/periods")]
    public async Task EndpointsRefuseRequestsWithoutAToken(string path)
    {
        var response = await Anonymous().GetAsync(path);
        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task HealthAndDocsNeedNoToken()
    {
        await ExpectAsync(await Anonymous().GetAsync("/health/live"), HttpStatusCode.OK);
        await ExpectAsync(await Anonymous().GetAsync("/health/ready"), HttpStatusCode.OK);
        await ExpectAsync(await Anonymous().GetAsync("/swagger/v1/swagger.yaml"), HttpStatusCode.OK);
    }

    [Test]
    public async Task SignedInUserReadsThemselves()
    {
        var id = await AddUserAsync("ada@example.com", OrgRole.Admin, "Ada");
        var me = await ExpectJsonAsync(await (await SignInAsync("ada@example.com")).GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        Assert.That(Id(me), Is.EqualTo(id));
        Assert.That(me["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        Assert.That(me.AsObject().ContainsKey("passwordHash"), Is.False);
    }

    [Test]
    public async Task ACorrectlySignedTokenLivesNoLongerThanOkrIssuesThem()
    {
        var id = await AddUserAsync("long@example.com", OrgRole.Admin, "Long");
        Claim[] claims = [new("sub", id.ToString()), new("kind", "user"), new("role", "admin"), new("sv", "0", ClaimValueTypes.Integer32)];
        string Token(TimeSpan lifetime) => new JwtSecurityTokenHandler().CreateEncodedJwt(new SecurityTokenDescriptor
        {
            Issuer = "okr", Audience = "okr-api", NotBefore = DateTime.UtcNow.AddSeconds(-5), IssuedAt = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.AddSeconds(-5) + lifetime, Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(OkrApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });

        var usual = Anonymous();
        usual.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(TimeSpan.FromMinutes(15)));
        await ExpectAsync(await usual.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        var tenYears = Anonymous();
        tenYears.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(TimeSpan.FromDays(3650)));
        await ExpectProblemAsync(await tenYears.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
    }

    private static string Forge(string key, DateTime? expires = null, string issuer = "okr", string audience = "okr-api", DateTime? notBefore = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? DateTime.UtcNow.AddMinutes(-5),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            IssuedAt = (notBefore ?? DateTime.UtcNow.AddMinutes(-5)),
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("role", "admin")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        };
        return new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
    }

    private static IEnumerable<TestCaseData> ForgedTokens()
    {
        var otherKey = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('k', 64)));
        yield return new TestCaseData("wrong key", (Func<string>)(() => Forge(otherKey)));
        yield return new TestCaseData("expired", (Func<string>)(() => Forge(OkrApiFactory.SigningKey, expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddHours(-1))));
        yield return new TestCaseData("not yet valid", (Func<string>)(() => Forge(OkrApiFactory.SigningKey, notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2))));
        yield return new TestCaseData("wrong issuer", (Func<string>)(() => Forge(OkrApiFactory.SigningKey, issuer: "evil")));
        yield return new TestCaseData("wrong audience", (Func<string>)(() => Forge(OkrApiFactory.SigningKey, audience: "other")));
        yield return new TestCaseData("alg none", (Func<string>)(() =>
        {
            var parts = Forge(OkrApiFactory.SigningKey).Split('.');
            var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            return $"{header}.{parts[1]}.";
        }));
        yield return new TestCaseData("tampered payload", (Func<string>)(() =>
        {
            var parts = Forge(OkrApiFactory.SigningKey).Split('.');
            var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"admin\"", "\"member\"");
            return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        }));
        yield return new TestCaseData("empty signature", (Func<string>)(() =>
        {
            var parts = Forge(OkrApiFactory.SigningKey).Split('.');
            return $"{parts[0]}.{parts[1]}.";
        }));
    }

    [TestCaseSource(nameof(ForgedTokens))]
    public async Task ForgedTokensAreRefused(string what, Func<string> token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token());
        await ExpectProblemAsync(await client.GetAsync("/api/v1/periods"), HttpStatusCode.Unauthorized);
    }
}
