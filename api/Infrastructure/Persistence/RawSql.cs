using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Okr.Api.Infrastructure.Persistence;

/// <summary>
/// Hand-written SQL on the context's own connection (and transaction, when one is open), row by row: for the few
/// reads that LINQ cannot say well (lateral joins, interval arithmetic). Outages surface as usual (503).
/// </summary>
public static class RawSql
{
    public static async Task ReadAsync(this OkrDbContext db, string sql, Action<NpgsqlParameterCollection> parameters, Action<DbDataReader> row, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            parameters(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) row(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
