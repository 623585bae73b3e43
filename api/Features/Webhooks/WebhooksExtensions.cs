using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Okr.Api.Features.Events;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

public static class WebhooksExtensions
{
    /// <summary>The event outbox, the event stream's housekeeping, webhooks and their delivery worker.</summary>
    public static IServiceCollection AddOkrEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Okr:Webhooks"));
        // Keys in PostgreSQL: every instance reads what another encrypted (webhook secrets, sign-in state), and a restart keeps them.
        services.AddDataProtection().SetApplicationName("Okr").PersistKeysToDbContext<OkrDbContext>();
        services.AddScoped(provider => new EventSnapshots(provider.GetRequiredService<OkrDbContext>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions));
        services.AddScoped<EventOutbox>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookSender>();
        services.AddSingleton<WebhookDns>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                var dns = provider.GetRequiredService<WebhookDns>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, // followed by WebhookSender, same host only
                    UseCookies = false,
                    UseProxy = false,
                    ConnectTimeout = options.Timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => WebhookSender.ConnectAsync(context, options, dns, ct),
                };
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan); // WebhookSender times each attempt
        services.AddSingleton<EventMaintenance>();
        services.AddHostedService(provider => provider.GetRequiredService<EventMaintenance>());
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService<DeliveryWorkerHost>();
        return services;
    }
}

/// <summary>Runs <see cref="DeliveryWorker"/> unless this instance is told not to deliver (Okr:Webhooks:DeliveryEnabled).</summary>
internal sealed class DeliveryWorkerHost(DeliveryWorker worker, IOptions<WebhookOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => options.Value.DeliveryEnabled ? worker.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => options.Value.DeliveryEnabled ? worker.StopAsync(cancellationToken) : Task.CompletedTask;
}
