using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// An Authority Token that passed every check. <see cref="SignerCertificate"/> may be shared with the verifier's
/// cache of trusted signers: dispose this object, never the certificate.
/// </summary>
public sealed class VerifiedAuthorityToken : IDisposable
{
    private readonly bool _ownsCertificate;

    internal VerifiedAuthorityToken(
        string jti,
        DateTimeOffset expiresAt,
        DateTimeOffset? issuedAt,
        DateTimeOffset? notBefore,
        string? issuer,
        bool ca,
        TnAuthList tnAuthList,
        X509Certificate2 signerCertificate,
        bool ownsCertificate,
        string signerKeyId)
    {
        Jti = jti;
        ExpiresAt = expiresAt;
        IssuedAt = issuedAt;
        NotBefore = notBefore;
        Issuer = issuer;
        Ca = ca;
        TnAuthList = tnAuthList;
        SignerCertificate = signerCertificate;
        _ownsCertificate = ownsCertificate;
        SignerKeyId = signerKeyId;
    }

    public string Jti { get; }

    /// <summary>The token's <c>exp</c>. RFC 9447 §7: certificates should not outlive it.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public DateTimeOffset? IssuedAt { get; }

    public DateTimeOffset? NotBefore { get; }

    /// <summary>The optional <c>iss</c> claim, unverified beyond being a string.</summary>
    public string? Issuer { get; }

    /// <summary><c>atc.ca</c>; false when absent (RFC 9447 §4: absence withholds CA permission).</summary>
    public bool Ca { get; }

    /// <summary>The decoded <c>atc.tkvalue</c> (DER-equal to the expected TNAuthList).</summary>
    public TnAuthList TnAuthList { get; }

    /// <summary>The token-authority certificate whose key signed the token (the chain's leaf).</summary>
    public X509Certificate2 SignerCertificate { get; }

    /// <summary>base64url SHA-256 of the signer's SubjectPublicKeyInfo: the issuer key under which the jti is tracked.</summary>
    public string SignerKeyId { get; }

    public void Dispose()
    {
        if (_ownsCertificate)
        {
            SignerCertificate.Dispose();
        }
    }
}
