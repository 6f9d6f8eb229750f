using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Passport;

/// <summary>Reads certificate chains and trust bundles (PEM with one or more certificates, or one DER certificate).</summary>
public static class CertificateFiles
{
    /// <summary>Larger than any sensible bundle; a bound on what is read into memory.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <exception cref="InvalidDataException">The file holds no certificate or cannot be parsed.</exception>
    public static async Task<X509Certificate2Collection> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"{path} is {info.Length} bytes; certificate files of at most {MaxFileBytes} are read");
        }

        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Parse(bytes, path);
    }

    public static X509Certificate2Collection Parse(ReadOnlySpan<byte> bytes, string source)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            string text = System.Text.Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{source}: not a certificate file ({e.Message})", e);
        }

        return collection.Count > 0 ? collection : throw new InvalidDataException($"{source} holds no certificate");
    }
}
