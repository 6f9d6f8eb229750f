using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>
/// Builds the path from the signing certificate to one of the caller's trust anchors (X509Chain custom root
/// trust, intermediates only from the supplied chain, no downloads, no revocation: STIR certificates are
/// short-lived or revoked through CRLs the caller handles), and checks the signer may sign PASSporTs.
/// </summary>
internal static class ChainCheck
{
    public static (PassportCheck Check, IReadOnlyList<CaScope> CaPath) Run(
        X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain, PassportVerificationOptions options)
    {
        var problems = new List<string>();
        if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true })
        {
            problems.Add("the signing certificate is a CA certificate");
        }

        if (leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } ku && !ku.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            problems.Add($"the signing certificate's key usage ({ku.KeyUsages}) lacks digitalSignature");
        }

        if (options.TrustAnchors.Count == 0)
        {
            problems.Add("no trust anchors were given");
            return (PassportCheck.Fail(N.CertificateChain, string.Join("; ", problems)), Fallback(chain));
        }

        using var x509 = new X509Chain();
        X509ChainPolicy policy = x509.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(options.TrustAnchors);
        foreach (X509Certificate2 intermediate in chain.Skip(1))
        {
            policy.ExtraStore.Add(intermediate);
        }

        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = options.Time.GetLocalNow().DateTime;
        policy.VerificationTimeIgnored = false;

        bool built = x509.Build(leaf);
        IReadOnlyList<CaScope> path = built ? [.. x509.ChainElements.Skip(1).Select(e => Scope(e.Certificate))] : Fallback(chain);
        if (!built)
        {
            IEnumerable<string> statuses = x509.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct(StringComparer.Ordinal);
            problems.Add($"no valid path from {leaf.Subject} to a trust anchor ({string.Join("; ", statuses)})");
        }

        string anchor = built ? x509.ChainElements[^1].Certificate.Subject : string.Empty;
        int length = x509.ChainElements.Count;
        foreach (X509ChainElement element in x509.ChainElements)
        {
            if (!IsCallers(element.Certificate, leaf, chain, options.TrustAnchors))
            {
                element.Certificate.Dispose();
            }
        }

        return problems.Count == 0
            ? (PassportCheck.Pass(N.CertificateChain, $"{leaf.Subject} chains to trust anchor {anchor} ({length} certificates) and is valid now"), path)
            : (PassportCheck.Fail(N.CertificateChain, string.Join("; ", problems)), path);
    }

    /// <summary>Without a built path, the supplied intermediates stand in (they still limit orig; the chain failure already fails the PASSporT).</summary>
    private static IReadOnlyList<CaScope> Fallback(IReadOnlyList<X509Certificate2> chain) => [.. chain.Skip(1).Select(Scope)];

    private static CaScope Scope(X509Certificate2 ca)
    {
        X509Extension? ext = ca.Extensions[StirOids.TnAuthList];
        if (ext is null)
        {
            return new CaScope(ca.Subject, null, null);
        }

        return TnAuthList.TryDecode(ext.RawData, out TnAuthList? decoded, out StirDecodeException? error)
            ? new CaScope(ca.Subject, decoded, null)
            : new CaScope(ca.Subject, null, error!.Message);
    }

    /// <summary>Chain elements may be new objects or the caller's own; only new ones are disposed here.</summary>
    private static bool IsCallers(X509Certificate2 c, X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain, X509Certificate2Collection anchors) =>
        ReferenceEquals(c, leaf) || chain.Any(x => ReferenceEquals(x, c)) || anchors.Any(x => ReferenceEquals(x, c));
}
