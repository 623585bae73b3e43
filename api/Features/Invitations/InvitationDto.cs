using Okr.Api.Domain;

namespace Okr.Api.Features.Invitations;

/// <summary>An invitation waiting to be accepted.</summary>
/// <param name="UserId">The invited person (created as invited: no password yet).</param>
/// <param name="Email">Where the link was (or will be) sent.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Role">Their organisation role once in.</param>
/// <param name="ExpiresAt">When the current link stops working.</param>
/// <param name="Emailed">True when a mail server took the link; false when it is only in this answer.</param>
/// <param name="Link">The link, only in the answer that made it and only without a mail server (pass it on yourself); null otherwise.</param>
public sealed record InvitationDto(Guid UserId, string Email, string DisplayName, OrgRole Role, DateTimeOffset ExpiresAt, bool Emailed, string? Link);

/// <summary>A password-reset link made by an admin.</summary>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Emailed">True when a mail server took it.</param>
/// <param name="Link">The link, only without a mail server (pass it on yourself); null otherwise.</param>
public sealed record ResetLinkDto(DateTimeOffset ExpiresAt, bool Emailed, string? Link);
