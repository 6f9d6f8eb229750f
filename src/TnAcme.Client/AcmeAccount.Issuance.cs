using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme.Problems;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Callback;
using TnAcme.Client.Issuance;
using TnAcme.Client.Resources;

namespace TnAcme.Client;

/// <summary>Whole issuances: order, tkauth-01, finalize with a fresh key, download; and renewal.</summary>
public sealed partial class AcmeAccount
{
    /// <summary>
    /// Obtains a certificate for <paramref name="request"/>: creates the order, proves pending authorizations with a
    /// token from <paramref name="tokens"/> (a still-valid authorization needs none), finalizes with a freshly generated
    /// P-256 key, and downloads the chain.
    /// </summary>
    /// <exception cref="AcmeClientException">The server refused a step; the problem says which and why.</exception>
    /// <exception cref="AuthorityTokenException">No token, or one that cannot answer this order.</exception>
    /// <exception cref="TimeoutException">The server kept the order processing longer than the polling timeout.</exception>
    public Task<IssuedCertificate> IssueAsync(CertificateOrderRequest request, IAuthorityTokenSource tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        return IssueAsync(request, (order, ct) => AuthorizeAsync(order, request.Ca, tokens, ct), cancellationToken);
    }

    /// <summary>
    /// Obtains a certificate for one number proven by tn-callback-01: the CA sends a code to the number over
    /// <see cref="CallbackProof.Channel"/> and <see cref="CallbackProof.Codes"/> reads it back.
    /// </summary>
    /// <exception cref="AcmeClientException">The server refused a step (a wrong code, a rate limit with its Retry-After).</exception>
    /// <exception cref="CallbackCodeException">No code could be had.</exception>
    public Task<IssuedCertificate> IssueAsync(CertificateOrderRequest request, CallbackProof proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(proof);
        return IssueAsync(request, (order, ct) => AuthorizeByCallbackAsync(order, proof, ct), cancellationToken);
    }

    private async Task<IssuedCertificate> IssueAsync(CertificateOrderRequest request, Func<AcmeOrder, CancellationToken, Task<AcmeOrder>> authorize, CancellationToken cancellationToken)
    {
        AcmeOrder order = await NewOrderAsync(request, cancellationToken);
        if (order.Resource.Status == AcmeStatus.Pending)
        {
            order = await authorize(order, cancellationToken);
        }
        else
        {
            Transport.Report($"the order is {order.Resource.Status}: the account's authorization for these numbers is still valid");
        }

        if (order.Resource.Status != AcmeStatus.Ready)
        {
            throw new AcmeClientException(order.Resource.Problem ?? Synthesized($"the order is {order.Resource.Status}, not ready to finalize", 403), order.Url);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        order = await FinalizeAsync(order, StirCsr.Create(key, request), cancellationToken);
        string chain = await DownloadChainAsync(order.Resource.Certificate!, cancellationToken);

        using X509Certificate2 leaf = X509Certificate2.CreateFromPem(chain);
        if (!leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            throw new AcmeClientException(Synthesized("the certificate served is not for the key this client sent in its CSR", 500), order.Resource.Certificate);
        }

        Transport.Report($"issued certificate {leaf.SerialNumber}, valid until {leaf.NotAfter.ToUniversalTime():u}");
        return new IssuedCertificate
        {
            Request = request,
            OrderUrl = order.Url,
            Order = order.Resource,
            CertificateUrl = order.Resource.Certificate!,
            ChainPem = chain,
            PrivateKeyPem = key.ExportPkcs8PrivateKeyPem(),
            Serial = leaf.SerialNumber,
            NotBefore = leaf.NotBefore.ToUniversalTime(),
            NotAfter = leaf.NotAfter.ToUniversalTime(),
        };
    }

    /// <summary>
    /// Renews <paramref name="current"/>: the same TNAuthList, the same CA flag and organization, the given profile
    /// (the one it was ordered with), and a new key — never the old one, which a renewal exists to retire.
    /// </summary>
    public Task<IssuedCertificate> RenewAsync(X509Certificate2 current, string? profile, IAuthorityTokenSource tokens, CancellationToken cancellationToken = default) =>
        IssueAsync(CertificateOrderRequest.RenewalOf(current, profile), tokens, cancellationToken);
}
