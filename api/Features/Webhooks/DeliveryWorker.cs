using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Events;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <summary>
/// Delivers webhooks, on every API instance at once: each claims due deliveries with <c>FOR UPDATE SKIP LOCKED</c> and
/// holds them for a minute, so two instances never send the same attempt, and a crash mid-delivery only delays it (the
/// receiver deduplicates by webhook-id). Per webhook, a subject's deliveries go out in the order of their events: a
/// later one waits while an earlier one is pending or retrying. docs/events.md, "Delivery".
/// </summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, ILogger<DeliveryWorker> logger) : Infrastructure.Hosting.PollingWorker(logger)
{
    private const int Batch = 16;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Work => "Webhook deliveries";

    /// <summary>Claims and sends one batch of due deliveries; how many it sent.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var claimed = await db.Database.SqlQuery<ClaimedDelivery>($"""
            WITH due AS (
                SELECT d.id FROM webhook_deliveries d
                JOIN webhooks w ON w.id = d.webhook_id AND w.active
                WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= clock_timestamp()
                  AND (d.claimed_until IS NULL OR d.claimed_until < clock_timestamp())
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.webhook_id = d.webhook_id AND e.subject_id = d.subject_id AND e.event_sequence < d.event_sequence
                                    AND e.status IN ('pending', 'retrying'))
                ORDER BY d.next_attempt_at
                LIMIT {Batch}
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_deliveries d SET claimed_until = clock_timestamp() + interval '1 minute', attempts = d.attempts + 1, last_attempt_at = clock_timestamp()
            FROM due WHERE d.id = due.id
            RETURNING d.id, d.webhook_id, d.event_id, d.attempts, d.created_at
            """).ToListAsync(ct);
        if (claimed.Count == 0) return 0;

        var sender = scope.ServiceProvider.GetRequiredService<WebhookSender>();
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        var json = scope.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var webhookIds = claimed.Select(c => c.WebhookId).Distinct().ToArray();
        var eventIds = claimed.Select(c => c.EventId).ToArray();
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => webhookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (delivery, token) =>
        {
            var webhook = webhooks[delivery.WebhookId];
            var change = events[delivery.EventId];
            AttemptResult result;
            try
            {
                var body = JsonSerializer.Serialize(EventDto.From(change), json);
                result = await sender.SendAsync(webhook.Url, change.Id.ToString(), body, secrets.Signing(webhook, clock.GetUtcNow()), DateTimeOffset.UtcNow, token);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                result = new AttemptResult(null, "The signing secret cannot be read (Data Protection keys changed): rotate the secret.", null, Retry: false);
            }

            await using var recordScope = scopes.CreateAsyncScope();
            await RecordAsync(recordScope.ServiceProvider.GetRequiredService<OkrDbContext>(), delivery, result, token);
        });
        return claimed.Count;
    }

    /// <summary>Writes what the attempt came to, and what it means for the subscription (410, three days of failures).</summary>
    private async Task RecordAsync(OkrDbContext db, ClaimedDelivery delivery, AttemptResult result, CancellationToken ct)
    {
        var o = options.Value;
        var snippet = result.Snippet is { Length: > Limits.DeliverySnippet } s ? s[..Limits.DeliverySnippet] : result.Snippet;
        var error = result.Error is { Length: > 500 } e ? e[..500] : result.Error;
        if (result.Succeeded)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE webhook_deliveries SET status = 'succeeded', claimed_until = NULL, last_status_code = {result.StatusCode}, last_error = NULL, response_snippet = {snippet}
                WHERE id = {delivery.Id};
                UPDATE webhooks SET failing_since = NULL WHERE id = {delivery.WebhookId} AND failing_since IS NOT NULL;
                """, ct);
            return;
        }

        var delays = o.Delays;
        var wait = delivery.Attempts <= delays.Count ? delays[delivery.Attempts - 1] : (TimeSpan?)null;
        if (wait is { } w)
        {
            if (result.RetryAfter is { } asked && asked > w) w = asked;
            w *= 0.8 + (Random.Shared.NextDouble() * 0.4); // jitter, so receivers that failed together are not retried together
            wait = w;
        }

        var retry = result.Retry && wait is not null && DateTimeOffset.UtcNow + wait.Value - delivery.CreatedAt <= o.RetryWindow;
        var status = retry ? "retrying" : "dead";
        var next = wait ?? TimeSpan.Zero;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE webhook_deliveries SET status = {status}, claimed_until = NULL, last_status_code = {result.StatusCode}, last_error = {error},
                   response_snippet = {snippet}, next_attempt_at = clock_timestamp() + {next}
            WHERE id = {delivery.Id}
            """, ct);

        var reason = result.Gone
            ? $"The receiver answered 410 Gone on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: Okr switched the webhook off."
            : $"Every delivery failed for {o.DisableAfter.TotalDays:0.#} days (last: {error}): Okr switched the webhook off.";
        var disableAfter = o.DisableAfter;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE webhooks SET failing_since = coalesce(failing_since, clock_timestamp()),
                   active = CASE WHEN {result.Gone} OR failing_since < clock_timestamp() - {disableAfter} THEN false ELSE active END,
                   disabled_reason = CASE WHEN {result.Gone} OR failing_since < clock_timestamp() - {disableAfter} THEN {reason} ELSE disabled_reason END
            WHERE id = {delivery.WebhookId}
            """, ct);
        if (!retry) logger.LogInformation("Webhook delivery {DeliveryId} is dead after {Attempts} attempts: {Error}", delivery.Id, delivery.Attempts, error);
    }

    /// <summary>A delivery this worker now holds.</summary>
    public sealed record ClaimedDelivery(Guid Id, Guid WebhookId, Guid EventId, int Attempts, DateTimeOffset CreatedAt);
}
