using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;

namespace Okr.Api.Infrastructure.Persistence;

public static class VersionExtensions
{
    /// <summary>
    /// Refuses a stale If-Match (412) and makes the save itself conditional on that version, so an edit
    /// that lands between this read and the save is caught too.
    /// </summary>
    public static void ExpectVersion<TEntity>(this OkrDbContext db, TEntity entity, uint ifMatch) where TEntity : class
    {
        var version = db.Entry(entity).Property<uint>("Version");
        if (version.CurrentValue != ifMatch) throw new PreconditionFailedException(version.CurrentValue);
        version.OriginalValue = ifMatch;
    }
}
