using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Crypto;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// Validates the token signer's certificate (leaf) against the configured trust anchors only: custom root trust,
/// the token's other certificates as intermediates, no certificate downloads (AIA would be another SSRF path),
/// revocation only when configured, validity at the verifier's now.
/// </summary>
internal sealed class SignerChainValidator
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly X509Certificate2[] _anchors;
    private readonly bool _checkRevocation;

    public SignerChainValidator(X509Certificate2Collection anchors, bool checkRevocation)
    {
        _anchors = [.. anchors];
        _checkRevocation = checkRevocation;
    }

    /// <summary>Validates the chain at <paramref name="now"/>; returns the window in which every certificate of it is valid.</summary>
    public (DateTimeOffset ValidFrom, DateTimeOffset ValidUntil) Validate(IReadOnlyList<X509Certificate2> certificates, DateTimeOffset now)
    {
        if (_anchors.Length == 0)
        {
            throw Fail("no token-authority trust anchors are configured, so no token can be trusted");
        }

        X509Certificate2 leaf = certificates[0];
        using var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_anchors);
        for (int i = 1; i < certificates.Count; i++)
        {
            policy.ExtraStore.Add(certificates[i]);
        }

        policy.DisableCertificateDownloads = true;
        policy.RevocationMode = _checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        policy.VerificationTime = now.UtcDateTime;

        bool built;
        try
        {
            built = chain.Build(leaf);
        }
        catch (CryptographicException ex)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.UntrustedSigner, $"the signer certificate chain could not be built: {ex.Message}", ex);
        }

        DateTimeOffset validFrom = DateTimeOffset.MinValue, validUntil = DateTimeOffset.MaxValue;
        try
        {
            if (!built)
            {
                string statuses = string.Join("; ", chain.ChainStatus
                    .Where(s => s.Status != X509ChainStatusFlags.NoError)
                    .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}")
                    .Distinct());
                throw Fail($"the signer certificate '{leaf.Subject}' does not chain to a configured token-authority trust anchor ({statuses})");
            }
        }
        finally
        {
            foreach (X509ChainElement element in chain.ChainElements)
            {
                DateTimeOffset notBefore = new(element.Certificate.NotBefore.ToUniversalTime());
                DateTimeOffset notAfter = new(element.Certificate.NotAfter.ToUniversalTime());
                validFrom = notBefore > validFrom ? notBefore : validFrom;
                validUntil = notAfter < validUntil ? notAfter : validUntil;
                element.Certificate.Dispose();
            }
        }

        if (leaf.Extensions[Oids.KeyUsage] is X509KeyUsageExtension usage
            && (usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
        {
            throw Fail($"the signer certificate '{leaf.Subject}' has a key usage without digitalSignature, so it may not sign tokens");
        }

        return (validFrom, validUntil);
    }

    /// <summary>
    /// ES256 means an ECDSA P-256 key (RFC 7518 §3.4). The usual signer key (named curve, uncompressed point) goes
    /// straight from its SubjectPublicKeyInfo to an <see cref="EcdsaPublicKey"/>; any other goes through .NET's import,
    /// which says precisely what is wrong with it (or reads a form EcdsaPublicKey does not take).
    /// </summary>
    public static EcdsaPublicKey GetP256Key(X509Certificate2 leaf)
    {
        if (TryExportSubjectPublicKeyInfo(leaf) is { } spki && EcdsaPublicKey.TryFromSubjectPublicKeyInfo(spki, out EcdsaPublicKey? fast))
        {
            if (fast.Curve == EcdsaCurve.P256)
            {
                return fast;
            }

            fast.Dispose();
        }

        using ECDsa key = GetDotNetP256Key(leaf);
        ECParameters parameters = key.ExportParameters(false);
        try
        {
            return EcdsaPublicKey.Create(EcdsaCurve.P256, parameters.Q.X, parameters.Q.Y);
        }
        catch (CryptographicException ex)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.SignerKey, "the signer certificate's public key cannot be read", ex);
        }
    }

    private static byte[]? TryExportSubjectPublicKeyInfo(X509Certificate2 leaf)
    {
        try
        {
            return leaf.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static ECDsa GetDotNetP256Key(X509Certificate2 leaf)
    {
        ECDsa? key;
        try
        {
            key = leaf.GetECDsaPublicKey();
        }
        catch (CryptographicException ex)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.SignerKey, "the signer certificate's public key cannot be read", ex);
        }

        if (key is null)
        {
            throw new AuthorityTokenException(
                AuthorityTokenCheck.SignerKey,
                $"the signer certificate holds a {leaf.PublicKey.Oid.FriendlyName ?? leaf.PublicKey.Oid.Value} key; ES256 needs ECDSA P-256");
        }

        ECCurve curve = key.ExportParameters(false).Curve;
        if (!curve.IsNamed || (curve.Oid.Value != P256Oid && curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1")))
        {
            int size = key.KeySize;
            key.Dispose();
            throw new AuthorityTokenException(AuthorityTokenCheck.SignerKey, $"the signer certificate holds a {size}-bit EC key not on P-256; ES256 needs P-256");
        }

        return key;
    }

    private static AuthorityTokenException Fail(string detail) => new(AuthorityTokenCheck.UntrustedSigner, detail);

    private static class Oids
    {
        public const string KeyUsage = "2.5.29.15";
    }
}
