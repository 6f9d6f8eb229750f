using TnAcme.Acme;
using TnAcme.Issuance;

namespace TnAcme.Storage.Stores;

/// <summary>
/// Record-intent-then-sign in the database: the intent row (TBSCertificate) is committed before the CA signs;
/// the same row is completed with the certificate afterwards, in the transaction that makes the order valid, so an
/// order never points at a certificate that is not stored and a stored certificate never belongs to an order left
/// processing. One instance per issuance carries its context.
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

    public DbIssuanceJournal(TnAcmeDatabase db, string accountId, string orderId, string chainAboveLeafPem)
    {
        _db = db;
        _accountId = accountId;
        _orderId = orderId;
        _chainAboveLeafPem = chainAboveLeafPem;
    }

    public async Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken) =>
        await _db.Sql.ExecuteWriteAsync(Intent, cancellationToken,
            serialHex, profileName, tbsCertificate.ToArray(), _accountId, _orderId, Time.ToUnix(DateTimeOffset.UtcNow));

    public async Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        string chain = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", certificate.Der) + "\n" + _chainAboveLeafPem;
        await _db.Sql.WriteAsync(async (session, ct) =>
        {
            await session.ExecuteAsync(Issued, ct, certificate.Der, chain, certificate.TnAuthList.ToDer(),
                Time.ToUnix(certificate.NotBefore), Time.ToUnix(certificate.NotAfter), certificate.SerialHex);
            return await session.ExecuteAsync(OrderValid, ct, (int)OrderStatus.Valid, certificate.SerialHex, _orderId, (int)OrderStatus.Processing);
        }, cancellationToken);
    }
}
