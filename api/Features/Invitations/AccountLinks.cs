using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Reminders;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Email;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Invitations;

/// <summary>How long account links stay valid (<c>Okr:Accounts</c>).</summary>
public sealed class AccountLinkOptions
{
    public const string Section = "Okr:Accounts";

    /// <summary>Days an invitation link works.</summary>
    public int InvitationDays { get; set; } = 7;

    /// <summary>Minutes a password-reset link works.</summary>
    public int ResetMinutes { get; set; } = 30;
}

/// <summary>A link just made: its address (with the token) and when it stops working.</summary>
/// <param name="Url">The address to open, ending in <c>?token=…</c>.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record IssuedLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Invitation and password-reset links (single use, stored hashed, a new one replacing the last), and the emails that
/// carry them. Following a link is <see cref="RedeemAsync"/>: one conditional update, so a link works once even when
/// followed twice at the same moment.
/// </summary>
public sealed class AccountLinks(OkrDbContext db, MailQueue mail, IOptions<AccountLinkOptions> options, IOptions<ReminderOptions> app, TimeProvider clock)
{
    /// <summary>Without a mail server the answer carries the link (once), so that an admin can pass it on.</summary>
    public bool Mails => mail.Configured;

    public IssuedLink Issue(User user, AccountLinkPurpose purpose)
    {
        var now = clock.GetUtcNow();
        var secret = TokenService.NewSecret(purpose == AccountLinkPurpose.Invitation ? "okr_inv_" : "okr_pwr_");
        var expires = purpose == AccountLinkPurpose.Invitation ? now.AddDays(options.Value.InvitationDays) : now.AddMinutes(options.Value.ResetMinutes);
        db.AccountLinks.Add(new AccountLink { UserId = user.Id, Purpose = purpose, TokenHash = TokenService.Hash(secret), CreatedAt = now, ExpiresAt = expires });
        var path = purpose == AccountLinkPurpose.Invitation ? "invitation" : "reset-password";
        return new IssuedLink($"{app.Value.AppUrl.TrimEnd('/')}/{path}?token={Uri.EscapeDataString(secret)}", expires);
    }

    /// <summary>Ends the person's unused links of <paramref name="purpose"/> (a new one replaces them; a revoked invitation ends them).</summary>
    public Task RevokeAsync(Guid userId, AccountLinkPurpose purpose, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.AccountLinks.Where(l => l.UserId == userId && l.Purpose == purpose && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
    }

    /// <summary>Uses the link once: the person it belongs to, or a 422 on <c>token</c> that says the same for every link that does not work.</summary>
    public async Task<User> RedeemAsync(string token, AccountLinkPurpose purpose, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = TokenService.Hash(token);
        var link = await db.AccountLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose, ct);
        var claimed = link is null || link.ExpiresAt <= now ? 0 : await db.AccountLinks
            .Where(l => l.Id == link.Id && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        var user = claimed == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == link!.UserId && u.Active, ct);
        return user ?? throw new DomainRuleException("token", AccountLink.Unusable);
    }

    /// <summary>Queues the email that carries an invitation.</summary>
    public void MailInvitation(User user, string invitedBy, IssuedLink link) => mail.Enqueue(new MailMessage(user.DisplayName, user.Email,
        $"{invitedBy} invited you to Okr",
        $"Hello {user.DisplayName},\n\n{invitedBy} invited you to Okr, where your organisation sets and tracks its OKRs.\n\nChoose your password here (the link works once, until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC):\n{link.Url}\n",
        $"<p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p><p>{WebUtility.HtmlEncode(invitedBy)} invited you to Okr, where your organisation sets and tracks its OKRs.</p>" +
        $"<p><a href=\"{WebUtility.HtmlEncode(link.Url)}\">Choose your password</a> (the link works once, until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC).</p>"));

    /// <summary>Queues the email that carries a password reset.</summary>
    public void MailReset(User user, IssuedLink link) => mail.Enqueue(new MailMessage(user.DisplayName, user.Email, "Reset your Okr password",
        $"Hello {user.DisplayName},\n\nsomeone (hopefully you) asked to reset your Okr password. Choose a new one here; the link works once, for {options.Value.ResetMinutes} minutes:\n{link.Url}\n\nIf it was not you, ignore this email: your password stays as it is.\n",
        $"<p>Hello {WebUtility.HtmlEncode(user.DisplayName)},</p><p>someone (hopefully you) asked to reset your Okr password.</p>" +
        $"<p><a href=\"{WebUtility.HtmlEncode(link.Url)}\">Choose a new password</a> (the link works once, for {options.Value.ResetMinutes} minutes).</p><p>If it was not you, ignore this email: your password stays as it is.</p>"));
}
