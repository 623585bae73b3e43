namespace Okr.Api.Domain;

public sealed class User : IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Stored lower-case, so uniqueness and sign-in ignore case.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public OrgRole Role { get; set; }
    public Guid? ManagerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public Guid? ModifiedBy { get; set; }

    /// <summary>The shared secret of the person's authenticator app (RFC 6238, base32); set while setting up, used once confirmed.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>Password sign-ins need a code from the authenticator app too.</summary>
    public bool TotpEnabled { get; set; }

    /// <summary>SHA-256 hashes of the unused recovery codes, space-separated; each signs in once instead of a code.</summary>
    public string? RecoveryCodeHashes { get; set; }

    /// <summary>The last time step whose code was accepted: a code works once (RFC 6238, 5.2).</summary>
    public long? TotpLastStep { get; set; }

    /// <summary>
    /// The directory's userName for this person when it is not their email (Entra's default is the UPN, usually the
    /// email, but not always): filters on userName find them by it. Null when userName is the email.
    /// </summary>
    public string? ScimUserName { get; set; }

    /// <summary>The directory's own id for this person (SCIM <c>externalId</c>), when a directory provisions them.</summary>
    public string? ScimExternalId { get; set; }

    /// <summary>When the directory deleted this person over SCIM: deactivated, and gone for the directory (404), but their history stays.</summary>
    public DateTimeOffset? DeprovisionedAt { get; set; }

    /// <summary>Invited and not yet in: no password until they accept the invitation (or sign in through single sign-on).</summary>
    public bool Invited { get; set; }

    /// <summary>Deactivated people cannot sign in; their OKRs and history stay.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Failed sign-ins in a row; reaching the limit locks the account for a while.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
    public uint Version { get; set; }

    /// <summary>
    /// Counts the security events (deactivation, a new password, a new role) that ended this person's sessions. Access
    /// tokens carry the count they were issued under, and only a token of the current count is accepted, so a token
    /// issued before an event never works again, even when the person is reactivated or given their old role back.
    /// </summary>
    public int SessionVersion { get; private set; }

    /// <summary>Ends every session started so far (refresh tokens are revoked by the caller, access tokens by <see cref="SessionVersion"/>).</summary>
    public void EndSessions() => SessionVersion++;

    public List<TeamMembership> Memberships { get; init; } = [];

    /// <summary>
    /// A reporting line never loops back: nobody reports to themselves, directly or through others. Walks up from the
    /// manager with the lines as they would be (<paramref name="managers"/>: person → manager), iteratively, and stops on
    /// any loop already in the data, so bad data elsewhere never makes it run for ever.
    /// </summary>
    /// <returns>Why the line is refused, or null.</returns>
    public static string? ReportingLineProblem(Guid person, Guid manager, IReadOnlyDictionary<Guid, Guid?> managers)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = manager; current is { } id && seen.Add(id); current = managers.GetValueOrDefault(id))
        {
            if (id == person) return "A person cannot report to themselves, directly or through others.";
        }

        return null;
    }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// An email address as Okr accepts one: a single '@' with text on both sides, no spaces and no invisible characters. Deliverability is
    /// the mail server's to judge; this only catches what cannot be an address (RFC 5321's local@domain shape).
    /// </summary>
    public static bool IsEmailAddress(string? value)
    {
        if (value is null) return false;
        var address = value.Trim();
        var at = address.IndexOf('@');
        // No spaces, and no invisible "format" characters (zero-width, bidi controls) that make two addresses look alike.
        return at > 0 && at < address.Length - 1 && at == address.LastIndexOf('@')
               && !address.Any(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
    }
}
