using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation;

/// <summary>
/// TLS server validation that trusts the system store first and, when only the chain failed, retries the chain
/// against extra roots (development or private PKIs). The host name check is never relaxed.
/// </summary>
public static class ExtraRootsTlsValidation
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <param name="requireServerAuth">When true, the retried chain must also allow id-kp-serverAuth.</param>
    public static RemoteCertificateValidationCallback Callback(IReadOnlyCollection<X509Certificate2> extraRoots, bool requireServerAuth) =>
        (_, certificate, chain, errors) => Validate(certificate, chain, errors, extraRoots, requireServerAuth);

    public static bool Validate(
        X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, IReadOnlyCollection<X509Certificate2> extraRoots, bool requireServerAuth)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        foreach (X509Certificate2 root in extraRoots)
        {
            custom.ChainPolicy.CustomTrustStore.Add(root);
        }

        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.DisableCertificateDownloads = true;
        if (requireServerAuth)
        {
            custom.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        }

        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        bool valid = custom.Build(leaf);
        foreach (X509ChainElement element in custom.ChainElements)
        {
            element.Certificate.Dispose();
        }

        return valid;
    }
}
