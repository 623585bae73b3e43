using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Invitations;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>
/// What the company's OpenID Connect provider said about the person who came back from it (its state, nonce, code and
/// tokens already checked by the OpenIdConnect handler, <see cref="SingleSignOn"/>). Answers the new session's refresh token.
/// </summary>
/// <param name="Email">The <c>email</c> claim.</param>
/// <param name="EmailVerified">The provider's <c>email_verified</c>: true, false, or null when it sent none.</param>
/// <param name="Name">The <c>name</c> claim: the display name of a person created just in time.</param>
public sealed record SignInWithSingleSignOnCommand(string? Email, bool? EmailVerified, string? Name) : ICommand<string>, IAllowedForReadOnly;

/// <summary>Why single sign-on did not sign someone in: a word the sign-in page explains (<c>/sign-in?sso=…</c>).</summary>
public sealed class SingleSignOnRefusedException(string reason) : Exception($"Single sign-on refused: {reason}.")
{
    /// <summary>no_account, unverified_email, deactivated.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// The verified email names the person. Unknown emails are refused unless <see cref="SsoOptions.CreateMembers"/> makes
/// them members (from <see cref="SsoOptions.AllowedDomains"/> only, when set); deactivated people are refused; an invited person is in (their invitation link stops working, as if
/// accepted). Two-step sign-in is the provider's to ask for: Okr's TOTP guards password sign-ins only.
/// </summary>
public sealed class SignInWithSingleSignOnCommandHandler(OkrDbContext db, SignIns signIns, AccountLinks links, IOptions<SsoOptions> options)
    : ICommandHandler<SignInWithSingleSignOnCommand, string>
{
    public async ValueTask<string> Handle(SignInWithSingleSignOnCommand command, CancellationToken cancellationToken)
    {
        var sso = options.Value;
        if (string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > Limits.Email || !User.IsEmailAddress(command.Email.Trim())
            || command.EmailVerified == false || (command.EmailVerified is null && !sso.TrustUnverifiedEmail))
        {
            throw new SingleSignOnRefusedException("unverified_email");
        }

        var email = User.NormaliseEmail(command.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            if (!sso.MayCreate(email)) throw new SingleSignOnRefusedException("no_account");
            user = new User { Email = email, DisplayName = DisplayNameOf(command.Name, email), Role = OrgRole.Member };
            db.Users.Add(user);
        }
        else if (!user.Active)
        {
            throw new SingleSignOnRefusedException("deactivated");
        }
        else if (user.Invited)
        {
            user.Invited = false;
            await links.RevokeAsync(user.Id, AccountLinkPurpose.Invitation, cancellationToken);
        }

        return await signIns.StartAsync(user, SignInMethod.SingleSignOn, cancellationToken);
    }

    /// <summary>The provider's name for the person, cleaned to what a display name may hold; the email's local part without one.</summary>
    private static string DisplayNameOf(string? name, string email)
    {
        var kept = new System.Text.StringBuilder();
        foreach (var rune in (name ?? "").EnumerateRunes())
        {
            var text = rune.ToString();
            if (!System.Text.Rune.IsControl(rune) && TextRules.IsSafeLine(text)) kept.Append(text);
        }

        var clean = kept.ToString().Trim();
        if (clean.Length > Limits.Name) clean = clean[..(char.IsHighSurrogate(clean[Limits.Name - 1]) ? Limits.Name - 1 : Limits.Name)].Trim();
        return clean.Length > 0 ? clean : email[..email.IndexOf('@')];
    }
}
