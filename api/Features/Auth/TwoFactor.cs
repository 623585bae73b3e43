using OtpNet;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features.Auth;

/// <summary>
/// The optional second factor of password sign-ins: time-based one-time passwords (RFC 6238, SHA-1, 6 digits, 30 s, one
/// step of clock drift either way; Otp.NET), each accepted once, and ten single-use recovery codes stored hashed.
/// </summary>
public static class TwoFactor
{
    public const string Issuer = "Okr";

    /// <summary>A new 160-bit secret, base32 as authenticator apps expect it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The otpauth:// address an authenticator app reads (as a QR code or typed in).</summary>
    public static string Uri(string secret, string email) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}?secret={secret}&issuer={Issuer}&digits=6&period=30";

    /// <summary>The time step of a valid code, or null. A code of a step already used is refused (replay).</summary>
    public static long? Verify(string secret, string code, DateTimeOffset now, long? lastStep)
    {
        var digits = new string(code.Where(char.IsDigit).ToArray());
        if (digits.Length != 6) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) && (lastStep is null || step > lastStep) ? step : null;
    }

    /// <summary>Ten recovery codes (xxxx-xxxx, 40 random bits each) and their hashes, space-separated.</summary>
    public static (IReadOnlyList<string> Codes, string Hashes) NewRecoveryCodes()
    {
        var codes = Enumerable.Range(0, 10).Select(_ =>
        {
            var raw = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(5)).ToLowerInvariant();
            return $"{raw[..4]}-{raw[4..8]}";
        }).ToList();
        return (codes, string.Join(' ', codes.Select(TokenService.Hash)));
    }

    /// <summary>Uses a recovery code: the remaining hashes without it, or null when it is not one of them.</summary>
    public static string? UseRecoveryCode(string? hashes, string code)
    {
        if (string.IsNullOrEmpty(hashes)) return null;
        var hash = TokenService.Hash(code.Trim().ToLowerInvariant());
        var left = hashes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        return left.Remove(hash) ? string.Join(' ', left) : null;
    }

    public const string CodeNeeded = "Enter the 6-digit code from your authenticator app (or one of your recovery codes).";
    public const string CodeWrong = "The code is not correct. Codes change every 30 seconds; each works once.";
}
