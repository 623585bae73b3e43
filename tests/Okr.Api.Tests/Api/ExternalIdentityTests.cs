using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>With Okr:Auth:Authority set, an external OpenID Connect issuer's tokens act as the Okr user with the same email.</summary>
public sealed class ExternalIdentityTests : OrganisationTest
{
    private const string Issuer = "https://idp.example";
    private static readonly RsaSecurityKey IdpKey = new(RSA.Create(2048)) { KeyId = "idp-key" };

    private static string IdpToken(string email, string audience = "okr-api", bool verified = true) =>
        new JwtSecurityTokenHandler().CreateEncodedJwt(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", "idp-user-1"), new Claim("email", email), new Claim("email_verified", verified ? "true" : "false")]),
            SigningCredentials = new SigningCredentials(IdpKey, SecurityAlgorithms.RsaSha256),
        });

    [Test]
    public async Task ExternalTokenActsAsTheOkrUserWithTheSameEmail()
    {
        await using var factory = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Okr:Auth:Authority", Issuer);
            builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(ExternalIdentity.Scheme, options =>
            {
                // The provider's keys, as its discovery document would give them (there is no network here).
                var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                configuration.SigningKeys.Add(IdpKey);
                options.Configuration = configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            }));
        });

        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdpToken("MEMBER@example.com"));
        var me = await ExpectJsonAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        Assert.That(Id(me), Is.EqualTo(Org.MemberId));

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdpToken("stranger@example.com"));
        await ExpectProblemAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdpToken("member@example.com", audience: "someone-else"));
        await ExpectProblemAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);

        // An unverified email names nobody.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdpToken("member@example.com", verified: false));
        await ExpectProblemAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);

        // Okr's own tokens keep working beside the provider's.
        await ExpectAsync(await Org.Member.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
    }

    [Test]
    public async Task WithoutAnAuthorityForeignTokensAreRefused()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IdpToken("member@example.com"));
        await ExpectProblemAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
    }
}
