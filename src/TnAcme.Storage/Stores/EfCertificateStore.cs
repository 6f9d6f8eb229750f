using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Log.Entries;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Stores;

public sealed class EfCertificateStore : ICertificateStore
{
    private const string BySerial = $"""SELECT {Rows.CertificateColumns} FROM "certificates" WHERE "Serial" = @p0""";

    private const string Revoke = """
        UPDATE "certificates" SET "RevokedAt" = @p0, "RevocationReason" = @p1
        WHERE "Serial" = @p2 AND "RevokedAt" IS NULL AND "Der" IS NOT NULL
        """;

    private const string AccountOf = """SELECT "AccountId" FROM "certificates" WHERE "Serial" = @p0""";

    private readonly TnAcmeDatabase _db;
    private readonly string _issuer;

    /// <param name="issuer">The issuing CA's subject, as revocation log entries name it.</param>
    public EfCertificateStore(TnAcmeDatabase db, string issuer)
    {
        _db = db;
        _issuer = issuer;
    }

    /// <summary>Every certificate download and x5u fetch: a prepared statement.</summary>
    public async Task<IssuedCertificateRecord?> GetAsync(string serial, CancellationToken cancellationToken)
    {
        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        return (await session.SingleAsync(BySerial, Rows.Certificate, cancellationToken, serial))?.ToDomain();
    }

    /// <summary>The revocation and its log entry commit together.</summary>
    public Task<bool> TryRevokeAsync(string serial, int? reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        _db.Sql.WriteAsync(async (session, ct) =>
        {
            if (await session.ExecuteAsync(Revoke, ct, Time.ToUnix(at), reason, serial) != 1)
            {
                return false;
            }

            string account = await session.Command(AccountOf, serial).ExecuteScalarAsync(ct) as string ?? "";
            DateTimeOffset now = DateTimeOffset.UtcNow;
            byte[] entry = LogEntryCodec.Encode(LogEntryCodec.Revoked(serial, _issuer, account, at, reason, now));
            await LogAppend.RevokedAsync(session, serial, account, Time.ToUnix(now), entry, ct);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<IssuedCertificateRecord>> ListRevokedAsync(CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.RevokedAt != null).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToDomain()).OfType<IssuedCertificateRecord>().ToList();
    }
}
