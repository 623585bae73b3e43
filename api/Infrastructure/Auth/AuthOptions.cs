namespace Okr.Api.Infrastructure.Auth;

/// <summary>Settings under <c>Okr:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Okr:Auth";

    public string Issuer { get; set; } = "okr";
    public string Audience { get; set; } = "okr-api";

    /// <summary>Base64 HMAC key (at least 32 bytes). When empty, the key is read from, or generated once into, <see cref="SigningKeyFile"/>.</summary>
    public string? SigningKey { get; set; }

    public string SigningKeyFile { get; set; } = ".okr/signing-key";
    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>
    /// Seconds after a rotation during which the replaced refresh token still renews once more, provided its successor
    /// was never used: the answer carrying the successor can be lost on the way (a dropped connection, a closed tab),
    /// and without this the person would be signed out as if their token had been stolen. 0 turns it off.
    /// </summary>
    public int RefreshReuseLeewaySeconds { get; set; } = 30;

    /// <summary>Requests to /auth per client IP and minute before 429.</summary>
    public int AuthRequestsPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins in a row that lock an account for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>An external OpenID Connect issuer whose tokens are accepted too (optional).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the external issuer's tokens must carry (default: <see cref="Audience"/>).</summary>
    public string? AuthorityAudience { get; set; }
}
