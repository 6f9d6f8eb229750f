using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Stores;

public sealed class EfCertificateStore : ICertificateStore
{
    private const string BySerial = $"""SELECT {Rows.CertificateColumns} FROM "certificates" WHERE "Serial" = @p0""";

    private readonly TnAcmeDatabase _db;

    public EfCertificateStore(TnAcmeDatabase db) => _db = db;

    /// <summary>Every certificate download and x5u fetch: a prepared statement.</summary>
    public async Task<IssuedCertificateRecord?> GetAsync(string serial, CancellationToken cancellationToken)
    {
        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        return (await session.SingleAsync(BySerial, Rows.Certificate, cancellationToken, serial))?.ToDomain();
    }

    public async Task<bool> TryRevokeAsync(string serial, int? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        long when = Time.ToUnix(at);
        int rows = await db.Certificates.Where(c => c.Serial == serial && c.RevokedAt == null && c.Der != null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RevokedAt, when)
            .SetProperty(c => c.RevocationReason, reason), cancellationToken);
        return rows == 1;
    }

    public async Task<IReadOnlyList<IssuedCertificateRecord>> ListRevokedAsync(CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.RevokedAt != null).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToDomain()).OfType<IssuedCertificateRecord>().ToList();
    }
}
