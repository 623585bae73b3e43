using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Okr.Api.Domain;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Events;

/// <summary>
/// The event stream's housekeeping, on every instance (the work is safe to do twice): announces key results whose status
/// the period's clock has moved (key_result.status_changed with no actor), and prunes events older than the retention
/// (30 days unless configured), their deliveries with them.
/// </summary>
public sealed class EventMaintenance(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<EventMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.StatusSweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await SweepAsync(stoppingToken);
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Event housekeeping failed; trying again at the next interval");
            }
        }
    }

    /// <summary>Announces every status the clock has moved in periods still open; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<EventOutbox>();
        var open = db.KeyResults.Where(k => db.Objectives.Any(o => o.Id == k.ObjectiveId
            && (o.State == ObjectiveState.Active || o.State == ObjectiveState.Draft)
            && db.Periods.Any(p => p.Id == o.PeriodId && p.State != PeriodState.Closed)));
        return await outbox.SweepStatusesAsync(open, ct);
    }

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var horizon = clock.GetUtcNow().AddDays(-options.Value.EventRetentionDays);
        return await db.Events.Where(e => e.OccurredAt < horizon).ExecuteDeleteAsync(ct);
    }
}
