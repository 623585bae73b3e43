using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence;

public sealed class OkrDbContext(DbContextOptions<OkrDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Period> Periods => Set<Period>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<KeyResult> KeyResults => Set<KeyResult>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<Http.IdempotentRequest> IdempotentRequests => Set<Http.IdempotentRequest>();
    public DbSet<ReminderRun> ReminderRuns => Set<ReminderRun>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<PrivateNote> PrivateNotes => Set<PrivateNote>();
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<SignInPlace> SignInPlaces => Set<SignInPlace>();
    public DbSet<ChangeEvent> Events => Set<ChangeEvent>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AnnouncedStatus> AnnouncedStatuses => Set<AnnouncedStatus>();
    public DbSet<AnnouncedObjectiveStatus> AnnouncedObjectiveStatuses => Set<AnnouncedObjectiveStatus>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<ChatChannel> ChatChannels => Set<ChatChannel>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();

    /// <summary>ASP.NET Core Data Protection's keys (webhook secrets, sign-in state), shared by every API instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private readonly List<PendingChange> _saving = [];

    /// <summary>What the saves since the last flush of the event outbox changed (Features/Events/EventOutbox.cs), to become events before the transaction commits.</summary>
    internal List<PendingChange> PendingChanges { get; } = [];

    internal void Saving(PendingChange change) => _saving.Add(change);

    internal void SaveSucceeded()
    {
        PendingChanges.AddRange(_saving);
        _saving.Clear();
    }

    internal void SaveFailed() => _saving.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OkrDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as the same snake_case words the API speaks, so the database reads like the contract.
        configurationBuilder.Properties<OrgRole>().HaveConversion<SnakeCaseEnumConverter<OrgRole>>().HaveMaxLength(16);
        configurationBuilder.Properties<TeamRole>().HaveConversion<SnakeCaseEnumConverter<TeamRole>>().HaveMaxLength(16);
        configurationBuilder.Properties<PeriodState>().HaveConversion<SnakeCaseEnumConverter<PeriodState>>().HaveMaxLength(16);
        configurationBuilder.Properties<ObjectiveState>().HaveConversion<SnakeCaseEnumConverter<ObjectiveState>>().HaveMaxLength(16);
        configurationBuilder.Properties<ProgressSource>().HaveConversion<SnakeCaseEnumConverter<ProgressSource>>().HaveMaxLength(16);
        configurationBuilder.Properties<KeyResultType>().HaveConversion<SnakeCaseEnumConverter<KeyResultType>>().HaveMaxLength(16);
        configurationBuilder.Properties<Direction>().HaveConversion<SnakeCaseEnumConverter<Direction>>().HaveMaxLength(16);
        configurationBuilder.Properties<CheckInSource>().HaveConversion<SnakeCaseEnumConverter<CheckInSource>>().HaveMaxLength(16);
        configurationBuilder.Properties<ClientScope>().HaveConversion<SnakeCaseEnumConverter<ClientScope>>().HaveMaxLength(16);
        configurationBuilder.Properties<AuditAction>().HaveConversion<SnakeCaseEnumConverter<AuditAction>>().HaveMaxLength(16);
        configurationBuilder.Properties<ImportStatus>().HaveConversion<SnakeCaseEnumConverter<ImportStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<Status>().HaveConversion<SnakeCaseEnumConverter<Status>>().HaveMaxLength(16);
        configurationBuilder.Properties<ImportFormat>().HaveConversion<SnakeCaseEnumConverter<ImportFormat>>().HaveMaxLength(16);
    }
}
