using Microsoft.EntityFrameworkCore;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage;

/// <summary>
/// The storage authority's schema. Provider-neutral: timestamps are Unix milliseconds, JSON is text, no
/// provider-specific column types, so the same model and migrations serve SQLite and PostgreSQL.
/// </summary>
public sealed class TnAcmeDbContext : DbContext
{
    public TnAcmeDbContext(DbContextOptions<TnAcmeDbContext> options)
        : base(options)
    {
    }

    public DbSet<AccountEntity> Accounts => Set<AccountEntity>();

    public DbSet<ExternalAccountKeyEntity> ExternalAccountKeys => Set<ExternalAccountKeyEntity>();

    public DbSet<OrderEntity> Orders => Set<OrderEntity>();

    public DbSet<AuthorizationEntity> Authorizations => Set<AuthorizationEntity>();

    public DbSet<CertificateEntity> Certificates => Set<CertificateEntity>();

    public DbSet<ReplayEntity> Replays => Set<ReplayEntity>();

    public DbSet<RateEventEntity> RateEvents => Set<RateEventEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AccountEntity>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.KeyThumbprint).IsUnique();
        });
        modelBuilder.Entity<ExternalAccountKeyEntity>(e =>
        {
            e.ToTable("external_account_keys");
            e.HasKey(k => k.KeyId);
        });
        modelBuilder.Entity<OrderEntity>(e =>
        {
            e.ToTable("orders");
            e.HasKey(o => o.Id);
            e.HasIndex(o => new { o.AccountId, o.CreatedAt });
        });
        modelBuilder.Entity<AuthorizationEntity>(e =>
        {
            e.ToTable("authorizations");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.AccountId, a.IdentifierType, a.IdentifierValue, a.Status });
        });
        modelBuilder.Entity<CertificateEntity>(e =>
        {
            e.ToTable("certificates");
            e.HasKey(c => c.Serial);
            e.HasIndex(c => c.OrderId);
            e.HasIndex(c => c.RevokedAt);
        });
        modelBuilder.Entity<ReplayEntity>(e =>
        {
            e.ToTable("replays");
            e.HasKey(r => new { r.Scope, r.Value });
            e.HasIndex(r => r.KeepUntil);
        });
        modelBuilder.Entity<RateEventEntity>(e =>
        {
            e.ToTable("rate_events");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Scope, r.Key, r.At });
        });
    }
}
