namespace Okr.Api.Infrastructure.Hosting;

/// <summary>
/// A worker that runs batches from a queue in PostgreSQL on every instance (webhook deliveries, chat posts, immediate
/// emails): one batch after another while there is work, a pause of <see cref="Interval"/> when there is none, and a
/// failed claim (the database away) logged and tried again after the pause. The batch itself (<see cref="RunOnceAsync"/>)
/// claims with <c>FOR UPDATE SKIP LOCKED</c>, so instances never share a row; tests call it directly.
/// </summary>
public abstract class PollingWorker(ILogger logger) : BackgroundService
{
    /// <summary>The pause when a batch found nothing to do.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the worker works on, for the log ("Webhook deliveries").</summary>
    protected abstract string Work { get; }

    /// <summary>Claims and handles one batch; how many items it claimed.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Work} could not be claimed; trying again shortly", Work);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
