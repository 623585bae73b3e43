using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>The real API in memory, on the test database, signing tokens with a key made for this run.</summary>
public sealed class OkrApiFactory : WebApplicationFactory<Program>
{
    private readonly string? _connectionString;
    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public TestClock Clock { get; } = new();
    public CommandCounter Commands { get; } = new();

    /// <param name="connectionString">Another way to the test database (e.g. through a proxy that can cut it); default: straight.</param>
    public OkrApiFactory(string? connectionString = null)
    {
        _connectionString = connectionString;
        // The OKR_* variables of a developer's shell (e.g. OKR_DATABASE from `make run`) must never reach the
        // API under test: they would override the test database and key.
        foreach (var name in Okr.Api.Infrastructure.Configuration.EnvironmentVariables.Map.Keys)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Okr", _connectionString ?? TestDatabase.ConnectionString);
        builder.UseSetting("Okr:Auth:SigningKey", SigningKey);
        builder.UseSetting("Okr:SeedDemo", "false");
        // The daily job would fire on its own at its hour; the reminder tests run it when they want.
        builder.UseSetting("Okr:Reminders:Enabled", "false");
        // The suite signs in hundreds of times from one address; the rate limit has its own test host.
        builder.UseSetting("Okr:Auth:AuthRequestsPerMinute", "100000");
        // Webhooks: the webhook tests run the delivery worker when they want; receivers listen on 127.0.0.1; retries come quickly.
        builder.UseSetting("Okr:Webhooks:DeliveryEnabled", "false");
        builder.UseSetting("Okr:Notifications:Enabled", "false"); // tests send notification emails themselves (NotificationMailer.RunOnceAsync)
        builder.UseSetting("Okr:Webhooks:AllowedHosts", "127.0.0.1");
        builder.UseSetting("Okr:Webhooks:RetryDelays", "00:00:00.2,00:00:00.4,00:00:00.6");
        builder.UseSetting("Okr:Webhooks:Timeout", "00:00:02");
        builder.UseSetting("Okr:Webhooks:StatusSweepInterval", "1.00:00:00");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<OkrDbContext>(options => options.AddInterceptors(Commands));
            // Hashing stays real (PBKDF2) but cheap, so hundreds of sign-ins do not dominate the run.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        });
    }
}

/// <summary>A clock the tests can set; it follows real time until they do.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _fixed;

    public void Set(DateTimeOffset now) => _fixed = now;

    public void Reset() => _fixed = null;

    public override DateTimeOffset GetUtcNow() => _fixed ?? DateTimeOffset.UtcNow;
}

/// <summary>Counts the SQL commands EF Core sends, to prove a query takes a fixed number of round trips.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
