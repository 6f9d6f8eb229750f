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

    public DbSet<LogEntryEntity> LogEntries => Set<LogEntryEntity>();

    public DbSet<LogLeafEntity> LogLeaves => Set<LogLeafEntity>();

    public DbSet<LogNumberEntity> LogNumbers => Set<LogNumberEntity>();

    public DbSet<LogSpcEntity> LogSpcs => Set<LogSpcEntity>();

    public DbSet<LogCheckpointEntity> LogCheckpoints => Set<LogCheckpointEntity>();

    public DbSet<AuditorKeyEntity> AuditorKeys => Set<AuditorKeyEntity>();

    public DbSet<AuditAccessEntity> AuditAccess => Set<AuditAccessEntity>();

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
            // Only valid authorizations, the ones reuse looks for (EfAuthorizationStore's query names the same status
            // as a literal, which a partial index needs to be chosen): a pending authorization's insert and its
            // validation no longer write and then move an entry; the validation writes one.
            e.HasIndex(a => new { a.AccountId, a.IdentifierType, a.IdentifierValue, a.Expires })
                .HasFilter($"\"Status\" = {(int)Acme.AuthorizationStatus.Valid}");
        });
        modelBuilder.Entity<CertificateEntity>(e =>
        {
            e.ToTable("certificates");
            e.HasKey(c => c.Serial);
            // No index on OrderId or NotAfter: no query seeks by them, and every issuance would write both (an intent
            // row, then its completion), OrderId at a random place.
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

        OnLogModelCreating(modelBuilder);
    }

    /// <summary>The issuance log and the auditors' access (docs/audit-api.md).</summary>
    private static void OnLogModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LogEntryEntity>(e =>
        {
            e.ToTable("log_entries");
            e.HasKey(l => l.LeafIndex);
            e.Property(l => l.LeafIndex).ValueGeneratedNever();
            // One issued and at most one revoked entry per certificate: a retried transaction cannot log twice.
            e.HasIndex(l => new { l.Serial, l.Kind }).IsUnique();
            e.HasIndex(l => new { l.AccountId, l.LeafIndex });
            e.HasIndex(l => new { l.LoggedAt, l.LeafIndex });
        });
        modelBuilder.Entity<LogLeafEntity>(e =>
        {
            e.ToTable("log_leaves");
            e.HasKey(l => l.LeafIndex);
            e.Property(l => l.LeafIndex).ValueGeneratedNever();
        });
        modelBuilder.Entity<LogNumberEntity>(e =>
        {
            e.ToTable("log_numbers");
            e.HasKey(n => new { n.Length, n.SpanClass, n.Start, n.End, n.LeafIndex });
        });
        modelBuilder.Entity<LogSpcEntity>(e =>
        {
            e.ToTable("log_spcs");
            e.HasKey(s => new { s.Spc, s.LeafIndex });
        });
        modelBuilder.Entity<LogCheckpointEntity>(e =>
        {
            e.ToTable("log_checkpoints");
            e.HasKey(c => c.TreeSize);
            e.Property(c => c.TreeSize).ValueGeneratedNever();
        });
        modelBuilder.Entity<AuditorKeyEntity>(e =>
        {
            e.ToTable("auditor_keys");
            e.HasKey(k => k.Id);
        });
        modelBuilder.Entity<AuditAccessEntity>(e =>
        {
            e.ToTable("audit_access");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.At);
        });
    }
}
