using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;

namespace TnAcme.Storage.Stores;

public sealed class EfCertificateStore : ICertificateStore
{
    private static readonly Func<TnAcmeDbContext, string, CancellationToken, Task<Entities.CertificateEntity?>> BySerial =
        EF.CompileAsyncQuery((TnAcmeDbContext db, string serial, CancellationToken ct) => db.Certificates.AsNoTracking().FirstOrDefault(c => c.Serial == serial));

    private readonly IDbContextFactory<TnAcmeDbContext> _factory;
    private readonly string _issuer;

    /// <param name="issuer">The issuing CA's subject, as revocation log entries name it.</param>
    public EfCertificateStore(IDbContextFactory<TnAcmeDbContext> factory, string issuer)
    {
        _factory = factory;
        _issuer = issuer;
    }

    public async Task<IssuedCertificateRecord?> GetAsync(string serial, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        return (await BySerial(db, serial, cancellationToken))?.ToDomain();
    }

    public async Task<bool> TryRevokeAsync(string serial, int? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The revocation and its log entry commit together.
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        long when = Time.ToUnix(at);
        int rows = await db.Certificates.Where(c => c.Serial == serial && c.RevokedAt == null && c.Der != null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RevokedAt, when)
            .SetProperty(c => c.RevocationReason, reason), cancellationToken);
        if (rows != 1)
        {
            return false;
        }

        string account = await db.Certificates.Where(c => c.Serial == serial).Select(c => c.AccountId).SingleAsync(cancellationToken) ?? "";
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] entry = TnAcme.Log.Entries.LogEntryCodec.Encode(TnAcme.Log.Entries.LogEntryCodec.Revoked(serial, _issuer, account, at, reason, now));
        await LogAppend.RevokedAsync(db, serial, account, Time.ToUnix(now), entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<IssuedCertificateRecord>> ListRevokedAsync(CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.RevokedAt != null).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToDomain()).OfType<IssuedCertificateRecord>().ToList();
    }
}
