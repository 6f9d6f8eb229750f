using TnAcme.Acme;
using TnAcme.Issuance;
using TnAcme.Log.Entries;

namespace TnAcme.Storage.Stores;

/// <summary>
/// Record-intent-then-sign in the database: the intent row (TBSCertificate) is committed before the CA signs;
/// the same row is completed with the certificate afterwards, in one transaction with the certificate's issuance
/// log entry and the order becoming valid: no certificate is ever served without its entry, an order never points at
/// a certificate that is not stored, and a stored certificate never belongs to an order left processing. One
/// instance per issuance carries its context.
/// </summary>
public sealed class DbIssuanceJournal : IIssuanceJournal
{
    private const string Intent = """
        INSERT INTO "certificates" ("Serial", "Profile", "TbsDer", "AccountId", "OrderId", "IntentAt")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
        """;

    private const string Issued = """
        UPDATE "certificates" SET "Der" = @p0, "ChainPem" = @p1, "TnAuthListDer" = @p2, "NotBefore" = @p3, "NotAfter" = @p4
        WHERE "Serial" = @p5
        """;

    private const string OrderValid = """
        UPDATE "orders" SET "Status" = @p0, "CertificateSerial" = @p1 WHERE "Id" = @p2 AND "Status" = @p3
        """;

    private readonly TnAcmeDatabase _db;
    private readonly string _accountId;
    private readonly string _orderId;
    private readonly string _chainAboveLeafPem;
    private readonly string _issuer;
    private readonly IReadOnlyList<string> _provedBy;

    /// <param name="issuer">The issuing CA's subject, as the log names it.</param>
    /// <param name="provedBy">Challenge types that proved control of the identifiers.</param>
    public DbIssuanceJournal(TnAcmeDatabase db, string accountId, string orderId, string chainAboveLeafPem, string issuer, IReadOnlyList<string> provedBy)
    {
        _db = db;
        _accountId = accountId;
        _orderId = orderId;
        _chainAboveLeafPem = chainAboveLeafPem;
        _issuer = issuer;
        _provedBy = provedBy;
    }

    public async Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken) =>
        await _db.Sql.ExecuteWriteAsync(Intent, cancellationToken,
            serialHex, profileName, tbsCertificate.ToArray(), _accountId, _orderId, Time.ToUnix(DateTimeOffset.UtcNow));

    public async Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        string chain = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", certificate.Der) + "\n" + _chainAboveLeafPem;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] entry = LogEntryCodec.Encode(LogEntryCodec.Issued(certificate.SerialHex, _issuer, _accountId, certificate.ProfileName,
            certificate.TnAuthList, certificate.NotBefore, certificate.NotAfter, _provedBy, certificate.Der, now));
        await _db.Sql.WriteAsync(async (session, ct) =>
        {
            await session.ExecuteAsync(Issued, ct, certificate.Der, chain, certificate.TnAuthList.ToDer(),
                Time.ToUnix(certificate.NotBefore), Time.ToUnix(certificate.NotAfter), certificate.SerialHex);
            await LogAppend.IssuedAsync(session, certificate.SerialHex, _accountId, Time.ToUnix(now), entry, ct);
            return await session.ExecuteAsync(OrderValid, ct, (int)OrderStatus.Valid, certificate.SerialHex, _orderId, (int)OrderStatus.Processing);
        }, cancellationToken);
    }
}
