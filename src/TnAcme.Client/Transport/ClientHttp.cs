using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Client.Transport;

/// <summary>
/// HTTP clients for ACME servers and token authorities: HTTPS trusting the system store plus optional extra roots,
/// no redirects (ACME URLs are exact, RFC 8555 §6.4), a User-Agent (RFC 8555 §6.1) and bounded responses.
/// </summary>
public static class ClientHttp
{
    /// <summary>Chains and resources are small; a larger answer is a broken or hostile server.</summary>
    public const long MaxResponseBytes = 4 * 1024 * 1024;

    public static HttpClient Create(IReadOnlyList<X509Certificate2> extraTrustedRoots, string userAgent, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(extraTrustedRoots);
        HttpClient http = handler is null
            ? new HttpClient(CreateHandler(extraTrustedRoots), disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = timeout;
        http.MaxResponseContentBufferSize = MaxResponseBytes;
        http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return http;
    }

    private static SocketsHttpHandler CreateHandler(IReadOnlyList<X509Certificate2> extraRoots)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (extraRoots.Count > 0)
        {
            X509Certificate2[] roots = [.. extraRoots];
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Trusted(certificate, chain, errors, roots);
        }

        return handler;
    }

    /// <summary>The system's verdict, or else a chain to one of <paramref name="roots"/>; a name mismatch is never forgiven.</summary>
    private static bool Trusted(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2[] roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (X509ChainElement element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
