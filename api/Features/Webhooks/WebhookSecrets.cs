using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Okr.Api.Domain;

namespace Okr.Api.Features.Webhooks;

/// <summary>
/// Signing secrets: made here (whsec_ and 32 random bytes in base64, as Standard Webhooks' libraries expect), stored
/// encrypted with ASP.NET Core Data Protection (keys in PostgreSQL, shared by every instance), never logged.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Prefix = "whsec_";
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private readonly IDataProtector _protector = provider.CreateProtector("Okr.Webhooks.SigningSecret.v1");

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The secrets that sign now: the current one, and the previous one during its 24 hours after a rotation.</summary>
    public IReadOnlyList<string> Signing(Webhook webhook, DateTimeOffset now)
    {
        var secrets = new List<string> { Unprotect(webhook.SecretProtected) };
        if (webhook.PreviousSecretProtected is { } previous && webhook.PreviousSecretExpiresAt > now) secrets.Add(Unprotect(previous));
        return secrets;
    }
}
