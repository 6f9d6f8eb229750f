using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Protocol;
using TnAcme.Stir;

namespace TnAcme.Acme.Handlers;

/// <summary>Certificate download (RFC 8555 §7.4.2), the public x5u chain (RFC 9448 §7) and revocation (§7.6).</summary>
public sealed class CertificateHandlers
{
    /// <summary>RFC 5280 reason codes a subscriber may give; cACompromise, certificateHold, removeFromCRL and aACompromise are the CA's.</summary>
    public static readonly IReadOnlyList<int> AllowedReasons = [0, 1, 3, 4, 5, 9];

    private readonly AcmeContext _c;

    public CertificateHandlers(AcmeContext context) => _c = context;

    public async Task<AcmeResponse> DownloadAsync(AuthenticatedRequest request, string serial, CancellationToken ct)
    {
        Account account = request.RequireAccount();
        IssuedCertificateRecord cert = (await _c.Certificates.GetAsync(serial, ct)).OwnedBy(account.Id, c => c.AccountId, "certificate");
        return AcmeResponse.Text(cert.ChainPem, AcmeResponse.PemChain);
    }

    /// <summary>Unauthenticated GET for PASSporT verifiers: the PEM chain, cacheable for as long as it stays valid.</summary>
    public async Task<AcmeResponse> X5uAsync(string serial, CancellationToken ct)
    {
        IssuedCertificateRecord? cert = await _c.Certificates.GetAsync(serial, ct);
        if (cert is null)
        {
            return new AcmeResponse { Status = 404, ContentType = "text/plain", Body = "no such certificate\n"u8.ToArray(), LinkIndex = false };
        }

        if (cert.RevokedAt is not null || cert.NotAfter <= _c.Now)
        {
            return new AcmeResponse { Status = 410, ContentType = "text/plain", Body = "certificate revoked or expired\n"u8.ToArray(), LinkIndex = false };
        }

        long seconds = (long)Math.Clamp((cert.NotAfter - _c.Now).TotalSeconds, 0, 86_400);
        return new AcmeResponse
        {
            Body = System.Text.Encoding.ASCII.GetBytes(cert.ChainPem),
            ContentType = AcmeResponse.PemChain,
            CacheControl = $"public, max-age={seconds}",
            LinkIndex = false,
        };
    }

    public async Task<AcmeResponse> RevokeAsync(AuthenticatedRequest request, CancellationToken ct)
    {
        JsonElement payload = request.PayloadObject();
        string certificateText = Payload.String(payload, "certificate") ?? throw new AcmeProblemException(AcmeProblem.Malformed("revokeCert needs \"certificate\""));
        if (!Base64Url.TryDecode(certificateText, out byte[]? der))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("\"certificate\" must be base64url (no padding) of a DER certificate"));
        }

        int? reason = Payload.Int(payload, "reason");
        if (reason is int r && !AllowedReasons.Contains(r))
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.BadRevocationReason,
                Detail = $"reason {r} is not one a subscriber may give; allowed: {string.Join(", ", AllowedReasons)}",
            });
        }

        string serial = SerialOf(der!);
        IssuedCertificateRecord? cert = await _c.Certificates.GetAsync(serial, ct);
        if (cert is null || !cert.Der.AsSpan().SequenceEqual(der))
        {
            throw new AcmeProblemException(AcmeProblem.NotFound("certificate issued by this CA"));
        }

        await AuthorizeRevocationAsync(request, cert, ct);
        if (!await _c.Certificates.TryRevokeAsync(serial, reason, _c.Now, ct))
        {
            throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.AlreadyRevoked, Detail = $"certificate {serial} is already revoked" });
        }

        return new AcmeResponse { Status = 200, ContentType = null };
    }

    private async Task AuthorizeRevocationAsync(AuthenticatedRequest request, IssuedCertificateRecord cert, CancellationToken ct)
    {
        if (request.Account is { } account)
        {
            if (account.Id == cert.AccountId)
            {
                return;
            }

            // RFC 8555 §7.6: another account holding valid authorizations for everything in the certificate.
            var identifier = new AcmeIdentifier(TnAuthListIdentifier.IdentifierType, Base64Url.Encode(cert.TnAuthListDer));
            if (await _c.Authorizations.FindReusableAsync(account.Id, identifier, _c.Now, ct) is not null)
            {
                return;
            }

            throw new AcmeProblemException(AcmeProblem.Unauthorized("this account neither holds the certificate nor is authorized for its TNAuthList"));
        }

        // Signed with a jwk: it must be the certificate's own key.
        using var x509 = X509CertificateLoader.LoadCertificate(cert.Der);
        using ECDsa? certKey = x509.GetECDsaPublicKey();
        using JsonWebKey? certJwk = certKey is null ? null : JsonWebKey.FromPublicKey(certKey);
        if (certJwk is null || !certJwk.Equals(request.Key))
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized("the request is signed neither by an account nor by the certificate's key"));
        }
    }

    private static string SerialOf(byte[] der)
    {
        try
        {
            AsnReader tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            if (tbs.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, true))
            {
                tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            }

            return Convert.ToHexString(tbs.ReadIntegerBytes().Span);
        }
        catch (AsnContentException)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("\"certificate\" is not a DER X.509 certificate"));
        }
    }
}
