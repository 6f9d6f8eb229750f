using Microsoft.EntityFrameworkCore;
using TnAcme.Issuance;

namespace TnAcme.Storage.Stores;

/// <summary>
/// Record-intent-then-sign in the database: the intent row (TBSCertificate) is committed before the CA signs;
/// the same row is completed with the certificate afterwards. One instance per issuance carries its context.
/// </summary>
public sealed class DbIssuanceJournal : IIssuanceJournal
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;
    private readonly string _accountId;
    private readonly string _orderId;
    private readonly string _chainAboveLeafPem;

    public DbIssuanceJournal(IDbContextFactory<TnAcmeDbContext> factory, string accountId, string orderId, string chainAboveLeafPem)
    {
        _factory = factory;
        _accountId = accountId;
        _orderId = orderId;
        _chainAboveLeafPem = chainAboveLeafPem;
    }

    public async Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken)
    {
        // The other columns stay NULL until RecordIssuedAsync; plain SQL skips SaveChanges' change tracking.
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        byte[] tbs = tbsCertificate.ToArray();
        long intentAt = Time.ToUnix(DateTimeOffset.UtcNow);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "certificates" ("Serial", "Profile", "TbsDer", "AccountId", "OrderId", "IntentAt")
            VALUES ({serialHex}, {profileName}, {tbs}, {_accountId}, {_orderId}, {intentAt})
            """, cancellationToken);
    }

    public async Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        string chain = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", certificate.Der) + "\n" + _chainAboveLeafPem;
        byte[] tn = certificate.TnAuthList.ToDer();
        long notBefore = Time.ToUnix(certificate.NotBefore), notAfter = Time.ToUnix(certificate.NotAfter);

        // The certificate is committed before the order points at it: it can never be served without its record.
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        byte[] der = certificate.Der;
        string serial = certificate.SerialHex;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "certificates" SET "Der" = {der}, "ChainPem" = {chain}, "TnAuthListDer" = {tn}, "NotBefore" = {notBefore}, "NotAfter" = {notAfter}
            WHERE "Serial" = {serial}
            """, cancellationToken);
    }
}
