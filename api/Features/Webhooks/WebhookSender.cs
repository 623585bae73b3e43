using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Okr.Api.Features.Webhooks;

/// <summary>What one attempt came to.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when it never answered.</param>
/// <param name="Error">What went wrong, in words; null on a 2xx.</param>
/// <param name="Snippet">The start of the answer's body.</param>
/// <param name="Retry">Worth trying again (timeouts, connection errors, 5xx, 429); false for the rest.</param>
/// <param name="RetryAfter">What a 429 or 503 asked for in Retry-After.</param>
/// <param name="Gone">The receiver answered 410: the subscription is switched off.</param>
public sealed record AttemptResult(int? StatusCode, string? Error, string? Snippet, bool Retry, TimeSpan? RetryAfter = null, bool Gone = false)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// POSTs one event, signed as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature; with every
/// secret that signs now, space-separated, during a rotation). Connections go only to addresses <see cref="WebhookTargets"/>
/// allows, checked after DNS resolution on every connection; redirects are followed (at most 5) only on the same host.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";
    private const int MaxRedirects = 5;

    public Task<AttemptResult> SendAsync(string url, string messageId, string body, IReadOnlyList<string> secrets, DateTimeOffset timestamp, CancellationToken ct)
    {
        if (WebhookTargets.UrlProblem(url, options.Value) is { } problem) return Task.FromResult(new AttemptResult(null, "Not sent: " + problem, null, Retry: false));
        var signature = string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(messageId, timestamp, body)));
        return PostAsync(url, body, [
            new("webhook-id", messageId),
            new("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("webhook-signature", signature),
        ], ct);
    }

    /// <summary>
    /// POSTs a JSON body to a URL <see cref="WebhookTargets"/> allows, with the same connection, redirect and timeout rules
    /// as webhooks (chat channels use it unsigned: Slack and Teams incoming webhooks carry their secret in the URL).
    /// </summary>
    public async Task<AttemptResult> PostAsync(string url, string body, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        if (WebhookTargets.UrlProblem(url, options.Value) is { } problem) return new AttemptResult(null, "Not sent: " + problem, null, Retry: false);
        var client = clients.CreateClient(ClientName);
        var target = new Uri(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                foreach (var (name, value) in headers) request.Headers.Add(name, value);
                request.Headers.UserAgent.ParseAdd("Okr-Webhooks/1.0");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var code = (int)response.StatusCode;
                if (code is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                    if (!string.Equals(next.Host, target.Host, StringComparison.OrdinalIgnoreCase) || next.Port != target.Port)
                    {
                        return new AttemptResult(code, $"Redirect to another host ({next.Host}) not followed: point the webhook at the final URL.", null, Retry: false);
                    }

                    if (redirects >= MaxRedirects) return new AttemptResult(code, $"More than {MaxRedirects} redirects (a redirect loop?): not followed further.", null, Retry: false);
                    if (WebhookTargets.UrlProblem(next.ToString(), options.Value) is { } redirectProblem) return new AttemptResult(code, "Redirect not followed: " + redirectProblem, null, Retry: false);
                    target = next;
                    continue;
                }

                var snippet = await SnippetAsync(response, timeout.Token);
                if (response.IsSuccessStatusCode) return new AttemptResult(code, null, snippet, Retry: false);
                var retryAfter = RetryAfter(response);
                return code switch
                {
                    410 => new AttemptResult(code, "The receiver answered 410 Gone: the webhook was switched off.", snippet, Retry: false, Gone: true),
                    429 => new AttemptResult(code, "The receiver answered 429 Too Many Requests.", snippet, Retry: true, retryAfter),
                    >= 500 => new AttemptResult(code, $"The receiver answered {code}.", snippet, Retry: true, retryAfter),
                    _ => new AttemptResult(code, $"The receiver answered {code}; only timeouts, 429 and 5xx answers are retried.", snippet, Retry: false),
                };
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptResult(null, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.", null, Retry: true);
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException refused)
        {
            return new AttemptResult(null, "Not sent: " + refused.Message, null, Retry: false);
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(null, "Could not connect: " + e.Message, null, Retry: true);
        }
    }

    private static async Task<string?> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new char[Domain.Limits.DeliverySnippet];
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var read = await reader.ReadBlockAsync(buffer, ct);
            return read == 0 ? null : new string(buffer, 0, read).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or HttpRequestException or DecoderFallbackException)
        {
            return null; // garbage or a cut connection: the status says what there is to say
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    /// <summary>The connection step of the webhooks' HTTP client: resolve, refuse blocked addresses (unless the host is allowed), connect to the checked address.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, WebhookOptions options, WebhookDns dns, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await dns.ResolveAsync(host, ct);
        if (!options.IsAllowedHost(host))
        {
            if (addresses.FirstOrDefault(WebhookTargets.IsBlocked) is { } blocked)
            {
                throw new RefusedAddressException($"'{host}' resolves to {blocked}, a private, loopback or link-local address (allow the host in Okr__Webhooks__AllowedHosts to reach it).");
            }
        }

        if (addresses.Length == 0) throw new RefusedAddressException($"'{host}' does not resolve to any address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>Name resolution for webhook connections (the system's DNS; a test gives names of its own).</summary>
public class WebhookDns
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>A connection Okr will not make (SSRF protection).</summary>
public sealed class RefusedAddressException(string message) : Exception(message);
