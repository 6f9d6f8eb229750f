using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.TokenAuthority.Signing;

/// <summary>
/// The CRL of token-signing certificates, signed by the TA root: empty unless the operator withdrew a signer. Rebuilt
/// at most once a minute so an anonymous GET cannot make the root key sign on every request.
/// </summary>
internal sealed class SignerCrl
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan NextUpdate = TimeSpan.FromHours(24);
    private readonly TokenAuthorityFolder _folder;
    private readonly TokenAuthorityCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (byte[] Der, DateTimeOffset At)? _current;

    public SignerCrl(TokenAuthorityFolder folder, TokenAuthorityCredentials credentials, TimeProvider time)
    {
        _folder = folder;
        _credentials = credentials;
        _time = time;
    }

    public async Task<byte[]> CurrentAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (_current is { } c && now - c.At < Reuse)
            {
                return c.Der;
            }

            var builder = new CertificateRevocationListBuilder();
            foreach (RevokedSigners.Entry entry in await RevokedSigners.ReadAsync(_folder, ct))
            {
                builder.AddEntry(Convert.FromHexString(entry.Serial), entry.RevokedAt);
            }

            using X509Certificate2 root = _credentials.LoadRootWithKey();

            // CRL numbers must increase (RFC 5280 §5.2.3); milliseconds do across restarts.
            byte[] der = builder.Build(root, new BigInteger(now.ToUnixTimeMilliseconds()), now + NextUpdate, HashAlgorithmName.SHA256, thisUpdate: now);
            _current = (der, now);
            return der;
        }
        finally
        {
            _lock.Release();
        }
    }
}
