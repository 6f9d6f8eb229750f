using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// Loads token-authority trust anchors for configuration (<c>--trust-token-authority ROOT.pem</c>): PEM files with
/// one or more CERTIFICATE blocks, or a single DER certificate.
/// </summary>
public static class TrustAnchorLoader
{
    public const int MaxCertificatesPerFile = 1000;

    public static async Task<X509Certificate2Collection> LoadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var anchors = new X509Certificate2Collection();
        foreach (string path in paths)
        {
            anchors.AddRange(await LoadFileAsync(path, cancellationToken).ConfigureAwait(false));
        }

        return anchors;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the file when it holds no usable certificate.</summary>
    public static async Task<X509Certificate2Collection> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] data = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(data, path);
    }

    /// <summary>Parses PEM or DER bytes; <paramref name="source"/> names them in errors.</summary>
    public static X509Certificate2Collection Parse(ReadOnlySpan<byte> data, string source)
    {
        List<byte[]> der;
        try
        {
            der = CertificateBundle.Parse(data, MaxCertificatesPerFile);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"trust anchor file {source}: {ex.Message}", ex);
        }

        var anchors = new X509Certificate2Collection();
        foreach (byte[] item in der)
        {
            anchors.Add(X509CertificateLoader.LoadCertificate(item));
        }

        return anchors;
    }
}
