using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// How <see cref="HttpsX5uFetcher"/> authenticates the x5u server's TLS certificate. By default: the system trust
/// store and host-name check, as any HTTPS client.
/// </summary>
public sealed class X5uTlsOptions
{
    /// <summary>
    /// Roots trusted in addition to the system store (a private token authority's repository, tests). The host name
    /// must still match the certificate.
    /// </summary>
    public X509Certificate2Collection ExtraTrustRoots { get; init; } = new();

    /// <summary>Replaces the whole decision when set (the extra roots are then ignored).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }
}
