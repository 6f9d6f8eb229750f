using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TnAcme.Stir;

namespace TnAcme.Cli.Bench;

/// <summary>
/// The token authority (STI-PA role) the load generator mints Authority Tokens with: ES256 JWTs carrying the
/// token-signing certificate in x5c, so the server needs no x5u fetch. Self-contained runs generate a P-256
/// root and signer; against a running server the signer key and certificate come from files.
/// </summary>
internal sealed class BenchTokenAuthority : IDisposable
{
    private readonly ECDsa _signerKey;
    private readonly X509Certificate2 _signer;
    private readonly X509Certificate2? _root;
    private readonly string _headerB64;

    private BenchTokenAuthority(ECDsa signerKey, X509Certificate2 signer, X509Certificate2? root)
    {
        _signerKey = signerKey;
        _signer = signer;
        _root = root;
        string header = $"{{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[\"{Convert.ToBase64String(signer.RawData)}\"]}}";
        _headerB64 = Base64Url.Encode(Encoding.UTF8.GetBytes(header));
    }

    /// <summary>The trust anchor to give the server (PEM), when this authority generated its own root.</summary>
    public string? RootPem => _root is null ? null : _root.ExportCertificatePem() + "\n";

    public static BenchTokenAuthority Generate(string name = "TnAcme bench STI-PA")
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={name} Root, O=TnAcme bench, C=US", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        X509Certificate2 root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var signerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signerRequest = new CertificateRequest($"CN={name} Token Signer, O=TnAcme bench, C=US", signerKey, HashAlgorithmName.SHA256);
        signerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        signerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        signerRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        X509Certificate2 signer = signerRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(9));
        return new BenchTokenAuthority(signerKey, signer, root);
    }

    /// <summary>An existing token authority: its token-signing certificate and P-256 private key (PEM files).</summary>
    public static BenchTokenAuthority Load(string certificatePem, string keyPem)
    {
        var signer = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePem));
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPem));
        if (key.KeySize != 256)
        {
            key.Dispose();
            signer.Dispose();
            throw new ArgumentException("the token-signing key must be EC P-256 (ES256)");
        }

        return new BenchTokenAuthority(key, signer, null);
    }

    /// <summary>The atc fingerprint (RFC 9447 §4): "SHA256 AA:BB:…" of the account key's JWK thumbprint.</summary>
    public static string Fingerprint(byte[] accountThumbprint) =>
        "SHA256 " + string.Join(':', accountThumbprint.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A TNAuthList Authority Token for <paramref name="scope"/>, bound to the account by <paramref name="fingerprint"/>.</summary>
    public string Mint(TnAuthList scope, string fingerprint, TimeSpan lifetime)
    {
        long exp = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds();
        // Every value is base64, hex, digits or a GUID: nothing needs JSON escaping.
        string payload = $"{{\"exp\":{exp},\"jti\":\"{Guid.NewGuid():N}\",\"atc\":{{\"tktype\":\"TNAuthList\",\"tkvalue\":\"{Convert.ToBase64String(scope.Der)}\",\"ca\":false,\"fingerprint\":\"{fingerprint}\"}}}}";
        string signingInput = _headerB64 + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payload));
        byte[] signature = _signerKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _signerKey.Dispose();
        _root?.Dispose();
    }
}
