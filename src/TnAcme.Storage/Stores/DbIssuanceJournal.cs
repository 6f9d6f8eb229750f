using TnAcme.Acme;
using TnAcme.Acme.Issuance;
using TnAcme.Issuance;
using TnAcme.Log.Entries;

namespace TnAcme.Storage.Stores;

/// <summary>
/// Record-intent-then-sign in the database: the intent row (TBSCertificate) is committed before the CA signs, in one
/// transaction with the order's claim (from the status its finalize read to processing, compare-and-set: when another
/// request moved the order first, nothing is written and <see cref="OrderNotClaimedException"/> stops the issuance);
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

    private const string Claim = """
        UPDATE "orders" SET "Status" = @p0 WHERE "Id" = @p1 AND "Status" = @p2
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
    private readonly OrderStatus _claimFrom;
    private readonly string _chainAboveLeafPem;
    private readonly string _issuer;
    private readonly IReadOnlyList<string> _provedBy;

    /// <param name="issuer">The issuing CA's subject, as the log names it.</param>
    /// <param name="provedBy">Challenge types that proved control of the identifiers.</param>
    /// <param name="claimFrom">The order's status as its finalize read it (<see cref="Acme.Issuance.CertificateOrder.ClaimFrom"/>).</param>
    public DbIssuanceJournal(TnAcmeDatabase db, string accountId, string orderId, OrderStatus claimFrom, string chainAboveLeafPem, string issuer, IReadOnlyList<string> provedBy)
    {
        _db = db;
        _accountId = accountId;
        _orderId = orderId;
        _claimFrom = claimFrom;
        _chainAboveLeafPem = chainAboveLeafPem;
        _issuer = issuer;
        _provedBy = provedBy;
    }

    public async Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken)
    {
        byte[] tbs = tbsCertificate.ToArray();
        long now = Time.ToUnix(DateTimeOffset.UtcNow);
        bool claimed = await _db.Sql.WriteAsync(async (session, ct) =>
        {
            if (await session.ExecuteAsync(Claim, ct, (int)OrderStatus.Processing, _orderId, (int)_claimFrom) != 1)
            {
                return false;
            }

            await session.ExecuteAsync(Intent, ct, serialHex, profileName, tbs, _accountId, _orderId, now);
            _db.Orders?.ForgetAfterCommit(session, _orderId);
            return true;
        }, cancellationToken);
        if (!claimed)
        {
            throw new OrderNotClaimedException(_orderId);
        }
    }

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
            _db.Orders?.ForgetAfterCommit(session, _orderId);
            return await session.ExecuteAsync(OrderValid, ct, (int)OrderStatus.Valid, certificate.SerialHex, _orderId, (int)OrderStatus.Processing);
        }, cancellationToken);
    }
}
