using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Issuance.X509;
using TnAcme.Stir;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.X509;

public sealed class Pkcs10RequestTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Csr(TnAuthList? list, bool ca = false, ECCurve? curve = null)
    {
        using var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SHAKEN 1234, O=Example Carrier, C=US", key, HashAlgorithmName.SHA256);
        if (list is not null)
        {
            request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, list.ToDer(), critical: false));
        }

        if (ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        }

        return request.CreateSigningRequest();
    }

    [Fact]
    public async Task Openssl_request_is_parsed_and_its_TNAuthList_extracted()
    {
        string key = _dir.File("k.pem"), cnf = _dir.File("req.cnf"), csr = _dir.File("r.csr");
        Assert.Equal(0, (await ExternalTool.RunAsync("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key)).ExitCode);
        await File.WriteAllTextAsync(cnf, """
            [req]
            distinguished_name=dn
            req_extensions=ext
            prompt=no
            [dn]
            CN=SHAKEN 1234
            O=Example Carrier
            C=US
            [ext]
            1.3.6.1.5.5.7.1.26=DER:3008A006160431323334
            basicConstraints=critical,CA:FALSE
            """);
        var run = await ExternalTool.RunAsync("openssl", "req", "-new", "-key", key, "-config", cnf, "-out", csr);
        Assert.True(run.ExitCode == 0, run.Stderr);

        Pkcs10Request parsed = Pkcs10Request.Load(await File.ReadAllBytesAsync(csr));
        Assert.True(parsed.HasP256Key);
        Assert.False(parsed.RequestsCa);
        Assert.Equal("Example Carrier", parsed.Organization);
        Assert.Equal("MAigBhYEMTIzNA", TnAuthListIdentifier.Encode(parsed.TnAuthList!));
    }

    [Fact]
    public void Ca_request_and_other_curves_are_reported()
    {
        Pkcs10Request ca = Pkcs10Request.Parse(Csr(TnAuthList.Create(TnEntry.OfSpc("1234")), ca: true));
        Assert.True(ca.RequestsCa);
        Pkcs10Request p384 = Pkcs10Request.Parse(Csr(null, curve: ECCurve.NamedCurves.nistP384));
        Assert.False(p384.HasP256Key);
        Assert.Null(p384.TnAuthList);
    }

    [Fact]
    public void Tampered_signature_is_refused()
    {
        byte[] csr = Csr(TnAuthList.Create(TnEntry.OfSpc("1234")));
        csr[^3] ^= 0x40;
        var e = Assert.Throws<CsrException>(() => Pkcs10Request.Parse(csr));
        Assert.Contains("signature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_subject_no_longer_matches_the_signature()
    {
        byte[] csr = Csr(TnAuthList.Create(TnEntry.OfSpc("1234")));
        int at = csr.AsSpan().IndexOf("1234"u8);
        csr[at] = (byte)'9';
        Assert.Throws<CsrException>(() => Pkcs10Request.Parse(csr));
    }

    [Fact]
    public void P384_and_P521_keys_signed_with_any_SHA2_verify()
    {
        foreach (ECCurve curve in new[] { ECCurve.NamedCurves.nistP384, ECCurve.NamedCurves.nistP521 })
        {
            foreach (HashAlgorithmName hash in new[] { HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512 })
            {
                using var key = ECDsa.Create(curve);
                byte[] csr = new CertificateRequest("CN=x", key, hash).CreateSigningRequest();
                Assert.False(Pkcs10Request.Parse(csr).HasP256Key);
                csr[^3] ^= 0x40;
                Assert.Throws<CsrException>(() => Pkcs10Request.Parse(csr));
            }
        }
    }

    [Fact]
    public void Keys_outside_the_fast_verifier_get_the_answers_they_always_got()
    {
        // secp256k1: a named curve the fast verifier does not take; .NET's import verifies it, and it is no P-256 key.
        using (var k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1")))
        {
            byte[] csr = new CertificateRequest("CN=k1", k1, HashAlgorithmName.SHA256).CreateSigningRequest();
            Assert.False(Pkcs10Request.Parse(csr).HasP256Key);
        }

        // Explicit curve parameters: refused as malformed (the key algorithm's parameters are not a named curve).
        // CertificateRequest writes only named curves, so this CSR is put together by hand.
        using var named = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var explicitKey = ECDsa.Create(named.ExportExplicitParameters(includePrivateParameters: false));
        byte[] explicitCsr = HandMadeCsr(explicitKey.ExportSubjectPublicKeyInfo(), named);
        Assert.True(Pkcs10Request.Parse(HandMadeCsr(named.ExportSubjectPublicKeyInfo(), named)).HasP256Key);
        var e = Assert.Throws<CsrException>(() => Pkcs10Request.Parse(explicitCsr));
        Assert.StartsWith("the CSR is malformed", e.Message, StringComparison.Ordinal);
    }

    private static byte[] HandMadeCsr(byte[] spki, ECDsa signer)
    {
        var info = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (info.PushSequence())
        {
            info.WriteInteger(0);
            info.WriteEncodedValue(new X500DistinguishedName("CN=hand made").RawData);
            info.WriteEncodedValue(spki);
            info.PushSetOf(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0, true)).Dispose();
        }

        byte[] infoDer = info.Encode();
        var csr = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (csr.PushSequence())
        {
            csr.WriteEncodedValue(infoDer);
            using (csr.PushSequence())
            {
                csr.WriteObjectIdentifier("1.2.840.10045.4.3.2");
            }

            csr.WriteBitString(signer.SignData(infoDer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        return csr.Encode();
    }

    [Fact]
    public void Hostile_input_only_ever_raises_CsrException()
    {
        byte[] good = Csr(TnAuthList.Create(TnEntry.OfRange("12025550100", 100)));
        var random = new Random(8555);
        for (int i = 0; i < 3000; i++)
        {
            byte[] mutated = HostileBytes.Mutate(good, random, i);

            try
            {
                Pkcs10Request.Parse(mutated);
            }
            catch (CsrException)
            {
            }
        }
    }
}
