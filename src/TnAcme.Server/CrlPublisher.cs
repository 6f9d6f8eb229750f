using System.Numerics;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Issuance;
using TnAcme.Issuance.Crl;

namespace TnAcme.Server;

/// <summary>Signs the issuing CA's CRL from the revocations in the database, at most once a minute.</summary>
internal sealed class CrlPublisher
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly IssuingAuthority _authority;
    private readonly ICertificateStore _certificates;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (byte[] Der, DateTimeOffset At)? _current;

    public CrlPublisher(IssuingAuthority authority, ICertificateStore certificates)
    {
        _authority = authority;
        _certificates = certificates;
    }

    public async Task<byte[]> CurrentAsync(CancellationToken ct)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (_current is { } c && now - c.At < Lifetime)
        {
            return c.Der;
        }

        await _lock.WaitAsync(ct);
        try
        {
            if (_current is { } again && now - again.At < Lifetime)
            {
                return again.Der;
            }

            var revoked = (await _certificates.ListRevokedAsync(ct))
                .Select(r => new RevokedCertificate(r.Serial, r.RevokedAt!.Value, (RevocationReason)(r.RevocationReason ?? 0)));

            // CRL numbers must increase (RFC 5280 §5.2.3): time-based numbers do across restarts and nodes.
            var number = new BigInteger(now.ToUnixTimeMilliseconds());
            byte[] der = await CrlWriter.WriteAsync(_authority, revoked, number, now, now.AddHours(24), ct);
            _current = (der, now);
            return der;
        }
        finally
        {
            _lock.Release();
        }
    }
}
