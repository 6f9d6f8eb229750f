using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace TnAcme.Client.State;

/// <summary>
/// The client's state folder:
/// <code>
/// account.json          server, account URL, fingerprint, contacts
/// account-key.pem       the account key (P-256, PKCS#8), 0600
/// server-ca.pem         extra root trusted for the server's TLS (a copy of --ca-bundle), if any
/// certificates/NAME/    one folder per certificate lineage (see CertificateLineage)
/// </code>
/// </summary>
public sealed class ClientFolder
{
    /// <summary>Overrides the default location (<c>&lt;data-dir&gt;/client</c>).</summary>
    public const string EnvironmentVariable = "TNACME_CLIENT_DIR";

    public ClientFolder(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string AccountPath => Path.Combine(Root, "account.json");

    public string AccountKeyPath => Path.Combine(Root, "account-key.pem");

    public string CaBundlePath => Path.Combine(Root, "server-ca.pem");

    public string CertificatesDirectory => Path.Combine(Root, "certificates");

    public bool HasAccount => File.Exists(AccountPath);

    public CertificateLineage Lineage(string name) => new(Path.Combine(CertificatesDirectory, name));

    public async Task<AccountRecord?> LoadAccountAsync(CancellationToken ct)
    {
        if (!File.Exists(AccountPath))
        {
            return null;
        }

        await using FileStream stream = File.OpenRead(AccountPath);
        return await JsonSerializer.DeserializeAsync(stream, StateJson.Default.AccountRecord, ct)
            ?? throw new InvalidDataException($"{AccountPath} is empty");
    }

    public Task SaveAccountAsync(AccountRecord account, CancellationToken ct) =>
        StateFiles.WritePublicAsync(AccountPath, JsonSerializer.Serialize(account, StateJson.Default.AccountRecord) + "\n", ct);

    /// <summary>The account key, or null when there is none yet.</summary>
    public async Task<ECDsa?> LoadAccountKeyAsync(CancellationToken ct) =>
        File.Exists(AccountKeyPath) ? await LoadKeyAsync(AccountKeyPath, ct) : null;

    public Task SaveAccountKeyAsync(ECDsa key, CancellationToken ct) =>
        StateFiles.WritePrivateAsync(AccountKeyPath, key.ExportPkcs8PrivateKeyPem() + "\n", ct);

    /// <summary>The roots in <see cref="CaBundlePath"/>, or none.</summary>
    public async Task<IReadOnlyList<X509Certificate2>> LoadCaBundleAsync(CancellationToken ct) =>
        File.Exists(CaBundlePath) ? await LoadCertificatesAsync(CaBundlePath, ct) : [];

    /// <summary>Reads a PEM private key (PKCS#8 or SEC 1 "EC PRIVATE KEY").</summary>
    public static async Task<ECDsa> LoadKeyAsync(string path, CancellationToken ct)
    {
        string pem = await File.ReadAllTextAsync(path, ct);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} does not hold an EC private key in PEM: {e.Message}", e);
        }
    }

    /// <summary>Every certificate in a PEM file.</summary>
    public static async Task<IReadOnlyList<X509Certificate2>> LoadCertificatesAsync(string path, CancellationToken ct)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(await File.ReadAllTextAsync(path, ct));
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{path} is not a PEM certificate bundle: {e.Message}", e);
        }

        return collection.Count == 0
            ? throw new InvalidDataException($"{path} holds no PEM certificate")
            : [.. collection];
    }
}
