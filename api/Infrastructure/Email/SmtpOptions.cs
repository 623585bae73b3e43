namespace Okr.Api.Infrastructure.Email;

/// <summary>
/// The mail server Okr writes through (<c>Okr:Smtp</c>; <c>OKR_SMTP_HOST</c>, <c>OKR_SMTP_PORT</c>, <c>OKR_SMTP_USERNAME</c>,
/// <c>OKR_SMTP_PASSWORD</c>, <c>OKR_SMTP_FROM</c>). Without a host nothing is emailed: reminders show in the web app only.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Okr:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Okr &lt;okr@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Okr <okr@localhost>";

    /// <summary>none (a local relay or a test server), starttls (port 587, the default) or tls (port 465).</summary>
    public string Security { get; set; } = "starttls";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
