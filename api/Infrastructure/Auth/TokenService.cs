using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>Issues access tokens (JWT) for people and API clients, and makes refresh tokens and client secrets.</summary>
public sealed class TokenService(IOptions<AuthOptions> options, SymmetricSecurityKey key, TimeProvider clock)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string KindClaim = "kind";
    public const string ScopeClaim = "scope";

    /// <summary>The <see cref="User.SessionVersion"/> a person's token was issued under.</summary>
    public const string SessionClaim = "sv";
    public const string UserKind = "user";
    public const string ClientKind = "client";

    public (string Token, int ExpiresInSeconds) Issue(User user) => Issue(
    [
        new Claim(SubjectClaim, user.Id.ToString()),
        new Claim(KindClaim, UserKind),
        new Claim("email", user.Email),
        new Claim("name", user.DisplayName),
        new Claim(RoleClaim, Persistence.SnakeCaseNames<OrgRole>.ToName[user.Role]),
        new Claim(SessionClaim, user.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
    ]);

    public (string Token, int ExpiresInSeconds) Issue(ApiClient client) => Issue(
    [
        new Claim(SubjectClaim, client.Id.ToString()),
        new Claim(KindClaim, ClientKind),
        new Claim("name", client.Name),
        new Claim(ScopeClaim, Persistence.SnakeCaseNames<ClientScope>.ToName[client.Scope]),
    ]);

    private (string Token, int ExpiresInSeconds) Issue(Claim[] claims)
    {
        var lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, (int)lifetime.TotalSeconds);
    }

    /// <summary>A new random secret (refresh token or client secret) with a readable prefix.</summary>
    public static string NewSecret(string prefix) => prefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Secrets are 256 random bits, so a SHA-256 is enough to store them; only the hash is kept.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        var presented = Encoding.ASCII.GetBytes(Hash(secret));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }
}
