using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;

namespace TnAcme.Storage.Stores;

public sealed class EfCertificateStore : ICertificateStore
{
    private static readonly Func<TnAcmeDbContext, string, CancellationToken, Task<Entities.CertificateEntity?>> BySerial =
        EF.CompileAsyncQuery((TnAcmeDbContext db, string serial, CancellationToken ct) => db.Certificates.AsNoTracking().FirstOrDefault(c => c.Serial == serial));

    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public EfCertificateStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task<IssuedCertificateRecord?> GetAsync(string serial, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        return (await BySerial(db, serial, cancellationToken))?.ToDomain();
    }

    public async Task<bool> TryRevokeAsync(string serial, int? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        long when = Time.ToUnix(at);
        int rows = await db.Certificates.Where(c => c.Serial == serial && c.RevokedAt == null && c.Der != null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RevokedAt, when)
            .SetProperty(c => c.RevocationReason, reason), cancellationToken);
        return rows == 1;
    }

    public async Task<IReadOnlyList<IssuedCertificateRecord>> ListRevokedAsync(CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.RevokedAt != null).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToDomain()).OfType<IssuedCertificateRecord>().ToList();
    }
}
