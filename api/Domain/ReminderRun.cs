namespace Okr.Api.Domain;

/// <summary>One day's reminder run: it happens once per day, however many API instances run (the day is the key).</summary>
public sealed class ReminderRun
{
    /// <summary>The day (UTC) the reminders were for.</summary>
    public DateOnly Day { get; init; }

    public DateTimeOffset RanAt { get; init; }

    /// <summary>People who had due check-ins.</summary>
    public int People { get; init; }

    /// <summary>Digests handed to the mail server (0 without SMTP settings: reminders then show in the web app only).</summary>
    public int EmailsSent { get; set; }
}

/// <summary>What one person was reminded of on one day, and whether the email went out.</summary>
public sealed class ReminderDelivery
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateOnly Day { get; init; }
    public Guid UserId { get; init; }

    /// <summary>The address written to (as it was that day).</summary>
    public required string Email { get; init; }

    /// <summary>How many due check-ins the digest listed.</summary>
    public int KeyResults { get; init; }

    /// <summary>True once the mail server accepted the digest; false without SMTP settings or when sending failed.</summary>
    public bool Sent { get; set; }

    /// <summary>Why sending failed, when it did.</summary>
    public string? Error { get; set; }
}
