namespace Okr.Api.Domain;

/// <summary>
/// A network a person has signed in from (IPv4 /24, IPv6 /48, "unknown" without an address). The first sign-in from a
/// network writes a <c>signed_in</c> audit entry, so admins see sign-ins from new places without a line per sign-in.
/// </summary>
public sealed class SignInPlace
{
    public Guid UserId { get; init; }
    public required string Network { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>How a person signed in, as the audit log records it.</summary>
public enum SignInMethod { Password, SingleSignOn, Invitation }
