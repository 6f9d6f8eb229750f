using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.TokenAuthority.Signing;

/// <summary>
/// The token authority's P-256 root (the trust anchor CAs configure) and its token-signing certificate, generated on
/// first use. The root key stays on disk and is read only to sign certificates and CRLs; the signer key is held.
/// </summary>
public sealed class TokenAuthorityCredentials : IDisposable
{
    private static readonly TimeSpan RootLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan SignerLifetime = TimeSpan.FromDays(365);

    /// <summary>A signer this close to expiry is replaced at open, so tokens never outlive their signer by surprise.</summary>
    private static readonly TimeSpan SignerRenewal = TimeSpan.FromDays(30);

    private readonly TokenAuthorityFolder _folder;

    private TokenAuthorityCredentials(TokenAuthorityFolder folder, X509Certificate2 root, X509Certificate2 signer, ECDsa signerKey)
    {
        _folder = folder;
        Root = root;
        Signer = signer;
        SignerKey = signerKey;
    }

    /// <summary>The trust anchor, without its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The token-signing certificate, without its private key.</summary>
    public X509Certificate2 Signer { get; }

    internal ECDsa SignerKey { get; }

    /// <summary>Loads the credentials, creating the root and a signer if missing and renewing a signer near its end.</summary>
    public static async Task<TokenAuthorityCredentials> LoadOrCreateAsync(TokenAuthorityFolder folder, string name, TimeProvider time, CancellationToken ct)
    {
        using (await FolderLock.AcquireAsync(folder, ct))
        {
            DateTimeOffset now = time.GetUtcNow();
            if (!File.Exists(folder.RootCertificatePath) || !File.Exists(folder.RootKeyPath))
            {
                CreateRoot(folder, name, now);
            }

            if (await SignerNeedsRenewalAsync(folder, now, ct))
            {
                CreateSigner(folder, name, now);
            }

            X509Certificate2 root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(folder.RootCertificatePath, ct));
            X509Certificate2 signer = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(folder.SignerCertificatePath, ct));
            var key = ECDsa.Create();
            key.ImportFromPem(await File.ReadAllTextAsync(folder.SignerKeyPath, ct));
            return new TokenAuthorityCredentials(folder, root, signer, key);
        }
    }

    /// <summary>
    /// Issues a new token-signing certificate now (the running authority keeps its loaded one until it is reopened).
    /// With <paramref name="revokeCurrent"/> the old signer's serial goes on the CRL, for a key thought compromised.
    /// </summary>
    public static async Task<string> RenewSignerAsync(TokenAuthorityFolder folder, string name, bool revokeCurrent, TimeProvider time, CancellationToken ct)
    {
        using (await FolderLock.AcquireAsync(folder, ct))
        {
            DateTimeOffset now = time.GetUtcNow();
            if (!File.Exists(folder.RootCertificatePath) || !File.Exists(folder.RootKeyPath))
            {
                throw new InvalidOperationException($"there is no token authority root in {folder.Root}; it is created when the token authority first runs");
            }

            if (revokeCurrent && File.Exists(folder.SignerCertificatePath))
            {
                using X509Certificate2 old = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(folder.SignerCertificatePath, ct));
                await RevokedSigners.AddAsync(folder, old.SerialNumber, now, ct);
            }

            CreateSigner(folder, name, now);
            using X509Certificate2 created = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(folder.SignerCertificatePath, ct));
            return created.SerialNumber;
        }
    }

    /// <summary>The root with its private key, for signing a CRL; the caller disposes it.</summary>
    internal X509Certificate2 LoadRootWithKey() =>
        X509Certificate2.CreateFromPemFile(_folder.RootCertificatePath, _folder.RootKeyPath);

    /// <summary>Missing, near its end, or not matching its key (a crash between the two writes): make a new one.</summary>
    private static async Task<bool> SignerNeedsRenewalAsync(TokenAuthorityFolder folder, DateTimeOffset now, CancellationToken ct)
    {
        if (!File.Exists(folder.SignerCertificatePath) || !File.Exists(folder.SignerKeyPath))
        {
            return true;
        }

        using X509Certificate2 current = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(folder.SignerCertificatePath, ct));
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(folder.SignerKeyPath, ct));
        bool matches = current.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
        return !matches || current.NotAfter.ToUniversalTime() - now.UtcDateTime < SignerRenewal;
    }

    private static void CreateRoot(TokenAuthorityFolder folder, string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} Root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 root = request.CreateSelfSigned(now.AddMinutes(-5), now + RootLifetime);

        // A fresh root makes every earlier signer and revocation list meaningless: start their files over.
        File.Delete(folder.SignerCertificatePath);
        File.Delete(folder.SignerKeyPath);
        File.Delete(folder.RevokedSignersPath);
        CaDataFolder.WriteSecret(folder.RootKeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        CaDataFolder.WriteAtomically(folder.RootCertificatePath, root.ExportCertificatePem() + "\n");
    }

    private static void CreateSigner(TokenAuthorityFolder folder, string name, DateTimeOffset now)
    {
        using X509Certificate2 root = X509Certificate2.CreateFromPemFile(folder.RootCertificatePath, folder.RootKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} Token Signer", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));

        // The CA's verifier refuses a signer whose key usage lacks digitalSignature.
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        DateTimeOffset notAfter = now + SignerLifetime < root.NotAfter ? now + SignerLifetime : new DateTimeOffset(root.NotAfter.ToUniversalTime());
        using X509Certificate2 signer = request.Create(root, now.AddMinutes(-5), notAfter, SerialNumbers.Next());
        CaDataFolder.WriteSecret(folder.SignerKeyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        CaDataFolder.WriteAtomically(folder.SignerCertificatePath, signer.ExportCertificatePem() + "\n");
    }

    public void Dispose()
    {
        Root.Dispose();
        Signer.Dispose();
        SignerKey.Dispose();
    }
}
