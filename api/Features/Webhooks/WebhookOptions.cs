using System.Net;
using System.Net.Sockets;

namespace Okr.Api.Features.Webhooks;

/// <summary>Settings under Okr:Webhooks (environment: <c>Okr__Webhooks__AllowedHosts</c>, …). docs/events.md, "Webhooks".</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Comma-separated hosts a webhook may reach over plain http and at private or loopback addresses (e.g.
    /// "127.0.0.1,localhost" for a receiver on the same machine). Empty in production: https to public addresses only.
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>Whether this instance delivers (every instance may: they share the work). Default true.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often an idle worker looks for due deliveries. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiver has to answer. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits before each retry, comma-separated (each ±20 % jitter). Default: 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
    /// (the Standard Webhooks schedule, about 28 h in all; nothing is retried past <see cref="RetryWindow"/>).
    /// </summary>
    public string RetryDelays { get; set; } = "00:00:05,00:01:00,00:05:00,00:30:00,02:00:00,05:00:00,10:00:00,10:00:00";

    /// <summary>How long a delivery is retried from its first attempt before it is dead. Default 24 h.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A subscription whose every delivery has failed this long is switched off. Default 3 days.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long events (and their deliveries) are kept. Default 30 days.</summary>
    public int EventRetentionDays { get; set; } = 30;

    /// <summary>How often the clock is checked for key results whose status time has moved (key_result.status_changed). Default 15 min.</summary>
    public TimeSpan StatusSweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<TimeSpan> Delays => [.. RetryDelays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => TimeSpan.Parse(d, System.Globalization.CultureInfo.InvariantCulture))];

    public bool IsAllowedHost(string host) =>
        (AllowedHosts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(h => string.Equals(h.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Where a webhook may point, in one place (docs/events.md, "Security"): https to a public address, unless its host is
/// explicitly allowed. Checked when a webhook is saved (the URL) and again on every connection and redirect (the
/// addresses the name resolves to), so a name that resolves somewhere private later is refused then (SSRF).
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="url"/> is not a webhook URL Okr will call, or null.</summary>
    public static string? UrlProblem(string? url, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(url)) return "'url' is required.";
        if (url.Length > Domain.Limits.WebhookUrl) return $"'url' must be {Domain.Limits.WebhookUrl} characters or fewer.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "'url' must be an absolute https URL, e.g. https://hooks.example.com/okr.";
        }

        if (uri.UserInfo.Length > 0) return "'url' must not carry a user name or password.";
        if (uri.Fragment.Length > 0) return "'url' must not have a #fragment.";
        var allowed = options.IsAllowedHost(uri.Host);
        if (uri.Scheme != "https" && !allowed) return $"'url' must use https (http only for hosts the server allows in Okr__Webhooks__AllowedHosts; '{uri.Host}' is not one).";
        if (allowed) return null;
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"'url' must not point at this machine ('{uri.Host}'), unless the server allows the host in Okr__Webhooks__AllowedHosts.";
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsBlocked(address))
        {
            return $"'url' must not point at a private, loopback or link-local address ('{uri.Host}'), unless the server allows the host in Okr__Webhooks__AllowedHosts.";
        }

        return null;
    }

    /// <summary>Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified, multicast and broadcast addresses.</summary>
    public static bool IsBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                   || (address.GetAddressBytes()[0] & 0xFE) == 0xFC; // fc00::/7, unique local
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] is >= 64 and <= 127,       // 100.64.0.0/10
            169 => b[1] == 254,                    // link-local, cloud metadata
            172 => b[1] is >= 16 and <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
            >= 224 => true,                        // multicast, reserved, broadcast
            _ => false,
        };
    }
}
