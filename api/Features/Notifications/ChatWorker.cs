using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>
/// Posts queued chat messages, on every instance: claims due ones with <c>FOR UPDATE SKIP LOCKED</c> and a one-minute
/// hold (so two instances never post one twice while both run), posts through the webhooks' guarded HTTP client (same
/// SSRF rules, allowed hosts, timeout and redirects: <see cref="WebhookSender.PostAsync"/>), and retries timeouts, 429 and
/// 5xx on the webhooks' schedule (Okr:Webhooks:RetryDelays within RetryWindow). Other answers are final.
/// </summary>
public sealed class ChatWorker(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, ILogger<ChatWorker> logger) : Infrastructure.Hosting.PollingWorker(logger)
{
    private const int Batch = 16;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Work => "Chat messages";

    /// <summary>Claims and posts one batch of due messages; how many it tried.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var claimed = await db.Database.SqlQuery<ClaimedMessage>($"""
            WITH due AS (
                SELECT m.id FROM chat_messages m
                WHERE m.status IN ('pending', 'retrying') AND m.next_attempt_at <= clock_timestamp()
                  AND (m.claimed_until IS NULL OR m.claimed_until < clock_timestamp())
                ORDER BY m.next_attempt_at
                LIMIT {Batch}
                FOR UPDATE SKIP LOCKED)
            UPDATE chat_messages m SET claimed_until = clock_timestamp() + interval '1 minute', attempts = m.attempts + 1
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.channel_id, m.payload, m.attempts, m.created_at
            """).ToListAsync(ct);
        if (claimed.Count == 0) return 0;

        var sender = scope.ServiceProvider.GetRequiredService<WebhookSender>();
        var urls = scope.ServiceProvider.GetRequiredService<ChatChannelUrls>();
        var channelIds = claimed.Select(c => c.ChannelId).Distinct().ToArray();
        var channels = await db.ChatChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.UrlProtected, ct);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (message, token) =>
        {
            if (!channels.TryGetValue(message.ChannelId, out var url)) return; // disconnected meanwhile: its messages went with it
            AttemptResult result;
            try
            {
                result = await sender.PostAsync(urls.Unprotect(url), message.Payload, [], token);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                result = new AttemptResult(null, "The channel's URL cannot be read (Data Protection keys changed): connect the channel again.", null, Retry: false);
            }

            await using var recordScope = scopes.CreateAsyncScope();
            await RecordAsync(recordScope.ServiceProvider.GetRequiredService<OkrDbContext>(), message, result, token);
        });
        return claimed.Count;
    }

    private async Task RecordAsync(OkrDbContext db, ClaimedMessage message, AttemptResult result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE chat_messages SET status = 'succeeded', claimed_until = NULL, last_error = NULL, sent_at = clock_timestamp() WHERE id = {message.Id};
                UPDATE chat_channels SET last_posted_at = clock_timestamp(), last_error = NULL WHERE id = {message.ChannelId};
                """, ct);
            return;
        }

        var o = options.Value;
        var delays = o.Delays;
        var wait = message.Attempts <= delays.Count ? delays[message.Attempts - 1] : (TimeSpan?)null;
        if (wait is { } w && result.RetryAfter is { } asked && asked > w) wait = asked;
        var retry = result.Retry && wait is not null && DateTimeOffset.UtcNow + wait.Value - message.CreatedAt <= o.RetryWindow;
        var status = retry ? "retrying" : "dead";
        var error = result.Error is { Length: > 500 } e ? e[..500] : result.Error;
        var next = wait ?? TimeSpan.Zero;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE chat_messages SET status = {status}, claimed_until = NULL, last_error = {error}, next_attempt_at = clock_timestamp() + {next} WHERE id = {message.Id};
            UPDATE chat_channels SET last_error = {error} WHERE id = {message.ChannelId};
            """, ct);
        if (!retry) logger.LogInformation("Chat message {MessageId} not posted after {Attempts} attempts: {Error}", message.Id, message.Attempts, error);
    }

    /// <summary>A message this worker now holds.</summary>
    public sealed record ClaimedMessage(Guid Id, Guid ChannelId, string Payload, int Attempts, DateTimeOffset CreatedAt);
}
