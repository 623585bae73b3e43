using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Seeding;

/// <summary>Settings under <c>Okr</c> that shape the first start.</summary>
public sealed class StartupOptions
{
    /// <summary>Apply pending migrations when the API starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the demo organisation into an empty database.</summary>
    public bool SeedDemo { get; set; }

    public AdminOptions Admin { get; set; } = new();

    public sealed class AdminOptions
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}

public static class StartupExtensions
{
    public static IServiceCollection AddOkrStartup(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StartupOptions>(configuration.GetSection("Okr"));
        // A hosted service runs when the host starts, before the server takes requests (and in test hosts too).
        services.AddHostedService<DatabaseInitialiser>();
        return services;
    }
}

/// <summary>Migrates, creates the first admin, and seeds the demo organisation into an empty database.</summary>
internal sealed class DatabaseInitialiser(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = configuration.GetSection("Okr").Get<StartupOptions>() ?? new StartupOptions();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OkrDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Okr.Startup");

        if (options.MigrateOnStartup)
        {
            // Create a missing database first, asking in a way EF Core expects to fail: MigrateAsync alone would log an
            // alarming "An error occurred using the connection" on every first start before creating it.
            var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken))
            {
                logger.LogInformation("Creating the database");
                await creator.CreateAsync(cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
        }

        User? admin = null;
        if (!string.IsNullOrWhiteSpace(options.Admin.Email) && !string.IsNullOrEmpty(options.Admin.Password))
        {
            var email = User.NormaliseEmail(options.Admin.Email);
            admin = await db.Users.SingleOrDefaultAsync(u => u.Email == email);
            if (admin is null)
            {
                admin = new User { Email = email, DisplayName = "Administrator", Role = OrgRole.Admin, CreatedAt = clock.GetUtcNow() };
                admin.PasswordHash = hasher.HashPassword(admin, options.Admin.Password);
                db.Users.Add(admin);
                await db.SaveChangesAsync();
                logger.LogInformation("Created the first admin {Email}", email);
            }
        }

        if (options.SeedDemo && !await db.Teams.AnyAsync())
        {
            await DemoOrganisation.SeedAsync(db, hasher, clock, admin);
            logger.LogInformation("Seeded the demo organisation");
        }
    }
}
