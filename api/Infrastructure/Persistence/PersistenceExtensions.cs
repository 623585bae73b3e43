using Microsoft.EntityFrameworkCore;

namespace Okr.Api.Infrastructure.Persistence;

public static class PersistenceExtensions
{
    public static IServiceCollection AddOkrPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Okr")
            ?? throw new InvalidOperationException("No database configured: set OKR_DATABASE (or ConnectionStrings:Okr) to a PostgreSQL connection string.");
        services.AddSingleton<AuditInterceptor>();
        services.AddDbContext<OkrDbContext>((provider, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(OkrDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(provider.GetRequiredService<AuditInterceptor>()));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}

/// <summary>Ready when PostgreSQL answers.</summary>
internal sealed class DatabaseHealthCheck(OkrDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
}
