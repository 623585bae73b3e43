using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>The HMAC key that signs access tokens. Never in the repository: configured, or generated on first run into a git-ignored file.</summary>
public static class SigningKey
{
    public static SymmetricSecurityKey Resolve(AuthOptions options)
    {
        var encoded = options.SigningKey;
        if (string.IsNullOrWhiteSpace(encoded))
        {
            var path = Path.GetFullPath(options.SigningKeyFile);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
                File.WriteAllText(path, fresh);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            encoded = File.ReadAllText(path).Trim();
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Okr:Auth:SigningKey (OKR_SIGNING_KEY) must be base64, e.g. the output of 'openssl rand -base64 64'.");
        }

        if (bytes.Length < 32) throw new InvalidOperationException("The signing key must be at least 32 bytes (256 bits).");
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }
}
