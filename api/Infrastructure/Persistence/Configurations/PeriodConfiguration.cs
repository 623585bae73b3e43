using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> builder)
    {
        builder.Property(p => p.Label).HasMaxLength(Limits.Label);
        builder.HasIndex(p => p.Label).IsUnique();
        builder.HasIndex(p => new { p.StartDate, p.EndDate });
        builder.HasIndex(p => p.State);
        builder.ToTable(t => t.HasCheckConstraint("ck_periods_dates", "end_date >= start_date"));
        builder.Property(p => p.Version).IsRowVersion();
    }
}
