using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;

namespace TnAcme.Testing;

/// <summary>A token authority of the tests' own (the STI-PA role): a P-256 root and a token-signing certificate.</summary>
public sealed class TestTokenAuthority : IDisposable
{
    public TestTokenAuthority(string name = "Test STI-PA")
    {
        RootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={name} Root, O=Test, C=US", RootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        Root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));

        SignerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signerRequest = new CertificateRequest($"CN={name} Token Signer, O=Test, C=US", SignerKey, HashAlgorithmName.SHA256);
        signerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        signerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        signerRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        Signer = signerRequest.Create(Root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    public ECDsa RootKey { get; }

    public X509Certificate2 Root { get; }

    public ECDsa SignerKey { get; }

    public X509Certificate2 Signer { get; }

    public string RootPem => Root.ExportCertificatePem() + "\n";

    /// <summary>Mints an SPC/TN token. Anything can be overridden to build the negative cases.</summary>
    public string Mint(
        TnAuthList scope,
        byte[] accountThumbprint,
        bool ca = false,
        DateTimeOffset? exp = null,
        string? jti = null,
        string tktype = "TNAuthList",
        string? tkvalue = null,
        string? x5u = null,
        Action<JsonObject>? tamperPayload = null)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT" };
        if (x5u is not null)
        {
            header["x5u"] = x5u;
        }
        else
        {
            header["x5c"] = new JsonArray(Convert.ToBase64String(Signer.RawData));
        }

        var payload = new JsonObject
        {
            ["exp"] = (exp ?? DateTimeOffset.UtcNow.AddHours(1)).ToUnixTimeSeconds(),
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
            ["atc"] = new JsonObject
            {
                ["tktype"] = tktype,
                ["tkvalue"] = tkvalue ?? Convert.ToBase64String(scope.Der),
                ["ca"] = ca,
                ["fingerprint"] = "SHA256 " + Convert.ToHexString(accountThumbprint).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b),
            },
        };
        tamperPayload?.Invoke(payload);
        string signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        byte[] signature = SignerKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    public void Dispose()
    {
        Root.Dispose();
        Signer.Dispose();
        RootKey.Dispose();
        SignerKey.Dispose();
    }
}
