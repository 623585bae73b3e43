using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Infrastructure.Persistence;

/// <summary>
/// On every save: stamps createdBy/createdAt/modifiedBy/modifiedAt, and appends one audit entry per changed
/// entity (who, when, what, and each changed field's old and new value) in the same transaction. What an entry records
/// is <see cref="AuditRecord"/>'s to say, shared with the bulk import.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    // What a save changed becomes events only once the save went through (Features/Events/EventOutbox.cs).
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        (eventData.Context as OkrDbContext)?.SaveSucceeded();
        return base.SavedChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as OkrDbContext)?.SaveSucceeded();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        (eventData.Context as OkrDbContext)?.SaveFailed();
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as OkrDbContext)?.SaveFailed();
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Record(DbContext? context)
    {
        if (context is null) return;
        var (userId, clientId) = Actor();
        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => AuditRecord.IsAudited(e.Entity))
            .ToList();

        var log = new List<AuditEntry>();
        var okr = context as OkrDbContext;
        foreach (var entry in entries)
        {
            if (entry.Entity is IAudited audited) Stamp(entry.State, audited, userId ?? clientId, now);
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var audit = new AuditEntry
            {
                At = now,
                ActorUserId = userId,
                ActorClientId = clientId,
                EntityType = AuditRecord.EntityType(entry.Metadata.ClrType),
                EntityId = EntityId(entry),
                ObjectiveId = ObjectiveOf(context, entry.Entity),
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                Changes = changes.ToJsonString(),
            };
            log.Add(audit);
            okr?.Saving(new PendingChange(entry.Entity, audit.EntityType, audit.EntityId, audit.Action, changes, OriginalVersion(entry), audit.ObjectiveId,
                audit.At, userId, clientId));
        }

        context.AddRange(log);
        AnnounceFailedImports(context, userId, clientId, now);
    }

    /// <summary>
    /// import.failed, written with the job's own save (its data is the job, all in memory). A success is announced by the
    /// import's transaction itself (ImportRunner), with the data it commits.
    /// </summary>
    private static void AnnounceFailedImports(DbContext context, Guid? userId, Guid? clientId, DateTimeOffset now)
    {
        foreach (var entry in context.ChangeTracker.Entries<ImportJob>().ToList())
        {
            var job = entry.Entity;
            if (!job.FailureToAnnounce || entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            job.FailureToAnnounce = false;
            context.Add(new ChangeEvent
            {
                Type = "import.failed", OccurredAt = now,
                ActorUserId = job.ActorIsClient ? null : job.ActorId, ActorClientId = job.ActorIsClient ? job.ActorId : null,
                SubjectType = "import", SubjectId = job.Id,
                Data = JsonSerializer.Serialize(Features.Imports.ImportJobDto.From(job, Json), Json),
            });
        }
    }

    private static uint? OriginalVersion(EntityEntry entry) =>
        entry.Metadata.FindProperty("Version") is { } version && entry.Property(version.Name).OriginalValue is uint v ? v : null;

    private static void Stamp(EntityState state, IAudited audited, Guid? actor, DateTimeOffset now)
    {
        if (state == EntityState.Added)
        {
            if (audited.CreatedAt == default) audited.CreatedAt = now;
            audited.CreatedBy ??= actor;
            if (audited.ModifiedAt == default) audited.ModifiedAt = audited.CreatedAt;
            audited.ModifiedBy ??= audited.CreatedBy;
        }
        else if (state == EntityState.Modified)
        {
            audited.ModifiedAt = now;
            audited.ModifiedBy = actor;
        }
    }

    private static JsonObject Changes(EntityEntry entry)
    {
        var changes = new JsonObject();
        foreach (var property in entry.Properties)
        {
            if (!AuditRecord.IsRecorded(property.Metadata)) continue;
            var name = property.Metadata.Name;
            var field = AuditRecord.FieldName(name);
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[field] = new JsonObject { ["old"] = null, ["new"] = Value(name, property.CurrentValue) };
                    break;
                case EntityState.Deleted:
                    changes[field] = new JsonObject { ["old"] = Value(name, property.OriginalValue), ["new"] = null };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[field] = new JsonObject { ["old"] = Value(name, property.OriginalValue), ["new"] = Value(name, property.CurrentValue) };
                    break;
            }
        }

        return changes;
    }

    private static JsonNode? Value(string property, object? value) =>
        AuditRecord.IsSecret(property) ? (value is null or "" ? null : JsonValue.Create("(secret)")) : JsonSerializer.SerializeToNode(value, Json);

    private static Guid EntityId(EntityEntry entry) => entry.Entity switch
    {
        TeamMembership m => m.TeamId,
        _ => entry.Property("Id").CurrentValue is Guid id ? id : Guid.Empty,
    };

    private static Guid? ObjectiveOf(DbContext context, object entity) => entity switch
    {
        Objective o => o.Id,
        KeyResult k => k.ObjectiveId,
        Comment c => c.ObjectiveId,
        CheckIn c => context.ChangeTracker.Entries<KeyResult>().FirstOrDefault(k => k.Entity.Id == c.KeyResultId)?.Entity.ObjectiveId,
        _ => null,
    };

    private (Guid? UserId, Guid? ClientId) Actor()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(TokenService.SubjectClaim), out var id)) return (null, null);
        return user.FindFirstValue(TokenService.KindClaim) == TokenService.ClientKind ? (null, id) : (id, null);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        JsonExtensions.Apply(options);
        return options;
    }
}
