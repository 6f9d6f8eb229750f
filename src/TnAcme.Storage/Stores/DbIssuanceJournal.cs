using Microsoft.EntityFrameworkCore;
using TnAcme.Issuance;
using TnAcme.Log.Entries;

namespace TnAcme.Storage.Stores;

/// <summary>
/// Record-intent-then-sign in the database: the intent row (TBSCertificate) is committed before the CA signs;
/// the same row is completed with the certificate afterwards, in one transaction with the certificate's issuance
/// log entry, so no certificate is ever served without its entry. One instance per issuance carries its context.
/// </summary>
public sealed class DbIssuanceJournal : IIssuanceJournal
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;
    private readonly string _accountId;
    private readonly string _orderId;
    private readonly string _chainAboveLeafPem;
    private readonly string _issuer;
    private readonly IReadOnlyList<string> _provedBy;

    /// <param name="issuer">The issuing CA's subject, as the log names it.</param>
    /// <param name="provedBy">Challenge types that proved control of the identifiers.</param>
    public DbIssuanceJournal(IDbContextFactory<TnAcmeDbContext> factory, string accountId, string orderId, string chainAboveLeafPem,
        string issuer, IReadOnlyList<string> provedBy)
    {
        _factory = factory;
        _accountId = accountId;
        _orderId = orderId;
        _chainAboveLeafPem = chainAboveLeafPem;
        _issuer = issuer;
        _provedBy = provedBy;
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
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] entry = LogEntryCodec.Encode(LogEntryCodec.Issued(certificate.SerialHex, _issuer, _accountId, certificate.ProfileName,
            certificate.TnAuthList, certificate.NotBefore, certificate.NotAfter, _provedBy, certificate.Der, now));

        // The certificate and its log entry commit together, before the order points at the certificate: it can never
        // be served without both. Writers are serialized (SQLite's write lock, taken by BEGIN IMMEDIATE), so MAX + 1
        // hands out leaf indexes without gaps in commit order; the primary key refuses any duplicate.
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        byte[] der = certificate.Der;
        string serial = certificate.SerialHex;
        long loggedAt = Time.ToUnix(now);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "certificates" SET "Der" = {der}, "ChainPem" = {chain}, "TnAuthListDer" = {tn}, "NotBefore" = {notBefore}, "NotAfter" = {notAfter}
            WHERE "Serial" = {serial}
            """, cancellationToken);
        await LogAppend.IssuedAsync(db, serial, _accountId, loggedAt, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
