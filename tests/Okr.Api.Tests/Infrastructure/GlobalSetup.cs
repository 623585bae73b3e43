using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Okr.Api.Infrastructure.Persistence;
using Respawn;

using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>Starts the database and the API once for every HTTP test (namespace Okr.Api.Tests.Api).</summary>
[SetUpFixture]
public sealed class GlobalSetup
{
    public static OkrApiFactory Factory { get; private set; } = null!;
    private static Respawner? _respawner;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await TestDatabase.StartAsync();
        Factory = new OkrApiFactory();
        _ = Factory.Server; // starting the host runs MigrateAsync on the empty database: the migrations are under test too

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // Data Protection keys stay, as in production: every test host (an instance) must read what another encrypted.
            TablesToIgnore = ["__EFMigrationsHistory", "data_protection_keys"],
        });
    }

    public static async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
        Factory.Clock.Reset();
    }

    public static async Task WithDbAsync(Func<OkrDbContext, Task> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<OkrDbContext>());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Factory.DisposeAsync();
        await TestDatabase.StopAsync();
    }
}
