using System.Formats.Asn1;
using System.Security.Cryptography;
using TnAcme.Crypto;
using TnAcme.Issuance.Linting;
using TnAcme.Stir;

namespace TnAcme.Issuance.X509;

/// <summary>
/// A PKCS#10 CertificationRequest (RFC 2986), decoded and its self-signature checked. Hand-parsed rather than
/// loaded through CertificateRequest, which costs more and hides the extensionRequest's raw DER.
/// </summary>
public sealed class Pkcs10Request
{
    private Pkcs10Request()
    {
    }

    public byte[] SubjectDer { get; private init; } = [];

    public IReadOnlyList<(string Oid, string Value)> Subject { get; private init; } = [];

    public byte[] SubjectPublicKeyInfoDer { get; private init; } = [];

    public IReadOnlyList<CertificateExtension> RequestedExtensions { get; private init; } = [];

    /// <summary>The TNAuthList from the extensionRequest, if any.</summary>
    public TnAuthList? TnAuthList { get; private init; }

    /// <summary>cA from a requested basicConstraints (RFC 9448: must agree with the token's "ca").</summary>
    public bool RequestsCa { get; private init; }

    public string? Organization => Subject.FirstOrDefault(a => a.Oid == X509Oids.Organization).Value;

    /// <summary>True when the key is EC P-256.</summary>
    public bool HasP256Key { get; private init; }

    /// <summary>Decodes and verifies; throws <see cref="CsrException"/> naming the problem.</summary>
    public static Pkcs10Request Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ParseCore(der);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or StirDecodeException or ArgumentException
            or NotSupportedException or OverflowException or FormatException)
        {
            throw new CsrException($"the CSR is malformed: {e.Message}", e);
        }
    }

    /// <summary>Accepts PEM ("CERTIFICATE REQUEST") or raw DER.</summary>
    public static Pkcs10Request Load(byte[] fileContents)
    {
        string text = System.Text.Encoding.ASCII.GetString(fileContents);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            PemFields fields = PemEncoding.Find(text);
            string label = text[fields.Label];
            if (label is not ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST"))
            {
                throw new CsrException($"expected a CERTIFICATE REQUEST, found a PEM '{label}'");
            }

            return Parse(Convert.FromBase64String(text[fields.Base64Data]));
        }

        return Parse(fileContents);
    }

    private static Pkcs10Request ParseCore(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        AsnReader req = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        ReadOnlyMemory<byte> infoDer = req.ReadEncodedValue();
        AsnReader sigAlg = req.ReadSequence();
        string sigAlgOid = sigAlg.ReadObjectIdentifier();
        byte[] signature = req.ReadBitString(out int unused);
        req.ThrowIfNotEmpty();
        if (unused != 0)
        {
            throw new CsrException("the CSR's signature BIT STRING has unused bits");
        }

        AsnReader info = new AsnReader(infoDer, AsnEncodingRules.DER).ReadSequence();
        if (info.ReadInteger() != 0)
        {
            throw new CsrException("the CSR version must be 0 (v1)");
        }

        ReadOnlyMemory<byte> subject = info.ReadEncodedValue();
        ReadOnlyMemory<byte> spki = info.ReadEncodedValue();
        var extensions = new List<CertificateExtension>();
        if (info.HasData)
        {
            AsnReader attributes = info.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            while (attributes.HasData)
            {
                AsnReader attribute = attributes.ReadSequence();
                string type = attribute.ReadObjectIdentifier();
                AsnReader values = attribute.ReadSetOf();
                if (type != X509Oids.ExtensionRequest)
                {
                    continue;
                }

                AsnReader exts = values.ReadSequence();
                while (exts.HasData)
                {
                    extensions.Add(CertificateExtension.Read(exts));
                }
            }
        }

        info.ThrowIfNotEmpty();
        bool p256 = VerifySignature(spki, sigAlgOid, infoDer.Span, signature);

        if (extensions.GroupBy(e => e.Oid).Any(g => g.Count() > 1))
        {
            throw new CsrException("the CSR requests the same extension twice");
        }

        CertificateExtension? tn = extensions.FirstOrDefault(e => e.Oid == StirOids.TnAuthList);
        bool ca = false;
        if (extensions.FirstOrDefault(e => e.Oid == X509Oids.BasicConstraints) is { } bc)
        {
            ca = ExtensionReaders.BasicConstraints(bc.Value).Ca;
        }

        return new Pkcs10Request
        {
            SubjectDer = subject.ToArray(),
            Subject = TbsCertificateView.ReadName(subject),
            SubjectPublicKeyInfoDer = spki.ToArray(),
            RequestedExtensions = extensions,
            TnAuthList = tn is null ? null : Stir.TnAuthList.Decode(tn.Value),
            RequestsCa = ca,
            HasP256Key = p256,
        };
    }

    /// <summary>Checks the self-signature; returns whether the key is P-256.</summary>
    private static bool VerifySignature(ReadOnlyMemory<byte> spki, string sigAlgOid, ReadOnlySpan<byte> signed, byte[] signature)
    {
        AsnReader keyAlg = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        string keyAlgOid = keyAlg.ReadObjectIdentifier();
        bool valid;
        bool p256 = false;
        switch (keyAlgOid)
        {
            case Signing.EcdsaAlgorithms.EcPublicKeyOid:
                {
                    // The usual key (P-256/384/521, named curve, uncompressed point) goes to EcdsaPublicKey: an
                    // import through .NET costs more than the signature check. Anything else takes .NET's import as
                    // before, so unusual keys get the same answers and messages.
                    if (!EcdsaPublicKey.TryFromSubjectPublicKeyInfo(spki.Span, out EcdsaPublicKey? fast))
                    {
                        (valid, p256) = VerifyWithDotNet(spki, keyAlg, sigAlgOid, signed, signature);
                        break;
                    }

                    using (fast)
                    {
                        p256 = fast.Curve == EcdsaCurve.P256;
                        valid = fast.Verify(signed, signature, EcHash(sigAlgOid), DSASignatureFormat.Rfc3279DerSequence);
                    }

                    break;
                }

            case "1.2.840.113549.1.1.1":
                {
                    using var key = RSA.Create();
                    key.ImportSubjectPublicKeyInfo(spki.Span, out _);
                    HashAlgorithmName hash = sigAlgOid switch
                    {
                        "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
                        "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
                        "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
                        _ => throw new CsrException($"CSR signature algorithm {sigAlgOid} is not supported for an RSA key"),
                    };
                    valid = key.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1);
                    break;
                }

            default:
                throw new CsrException($"CSR key algorithm {keyAlgOid} is not supported");
        }

        if (!valid)
        {
            throw new CsrException("the CSR's signature does not verify");
        }

        return p256;
    }

    /// <summary>An EC key EcdsaPublicKey does not take (explicit parameters, another curve, a compressed point…), through .NET.</summary>
    private static (bool Valid, bool P256) VerifyWithDotNet(
        ReadOnlyMemory<byte> spki, AsnReader keyAlg, string sigAlgOid, ReadOnlySpan<byte> signed, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(spki.Span, out _);
        bool p256 = key.KeySize == 256 && keyAlg.HasData && keyAlg.ReadObjectIdentifier() == Signing.EcdsaAlgorithms.P256Oid;
        return (key.VerifyData(signed, signature, EcHash(sigAlgOid), DSASignatureFormat.Rfc3279DerSequence), p256);
    }

    private static HashAlgorithmName EcHash(string sigAlgOid) => sigAlgOid switch
    {
        Signing.EcdsaAlgorithms.EcdsaWithSha256Oid => HashAlgorithmName.SHA256,
        "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
        "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
        _ => throw new CsrException($"CSR signature algorithm {sigAlgOid} does not fit an EC key"),
    };
}

public sealed class CsrException : Exception
{
    public CsrException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
