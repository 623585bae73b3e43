using Npgsql;
using Testcontainers.PostgreSql;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL database for the whole run: on the server named by OKR_TEST_DATABASE (which `make test`
/// starts), or in a Testcontainers container where a Docker engine answers. Never EF InMemory or SQLite.
/// </summary>
public static class TestDatabase
{
    private static PostgreSqlContainer? _container;
    private static string? _databaseName;
    private static string? _serverConnectionString;

    public static string ConnectionString { get; private set; } = "";

    public static async Task StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("OKR_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _serverConnectionString = configured;
        }
        else
        {
            try
            {
                _container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await _container.StartAsync();
                _serverConnectionString = _container.GetConnectionString();
            }
            catch (Exception e) when (e.GetType().Name.Contains("DockerUnavailable", StringComparison.Ordinal) || e is InvalidOperationException)
            {
                throw new InvalidOperationException(
                    "No PostgreSQL for the tests: run them with `make test` (it starts one and sets OKR_TEST_DATABASE), " +
                    "set OKR_TEST_DATABASE to a server connection string, or start a Docker engine for Testcontainers.", e);
            }
        }

        _databaseName = $"okr_test_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName, IncludeErrorDetail = true }.ConnectionString;
    }

    public static async Task StopAsync()
    {
        if (_databaseName is not null && _serverConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = "postgres" };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_container is not null) await _container.DisposeAsync();
    }
}
