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
    public int AccessTokenMinutes { get; set; } = 60;
}
