using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>Reads one DER certificate, or PEM text with one or more CERTIFICATE blocks (order kept).</summary>
internal static class CertificateBundle
{
    private static ReadOnlySpan<byte> PemMarker => "-----BEGIN "u8;

    /// <summary>Returns the DER of each certificate. Throws <see cref="InvalidDataException"/> with a reason.</summary>
    public static List<byte[]> Parse(ReadOnlySpan<byte> data, int maxCertificates)
    {
        if (data.IsEmpty)
        {
            throw new InvalidDataException("it is empty");
        }

        if (data.IndexOf(PemMarker) < 0)
        {
            CheckDer(data, "the body");
            return [data.ToArray()];
        }

        string text = Encoding.Latin1.GetString(data);
        var result = new List<byte[]>();
        ReadOnlySpan<char> rest = text;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            ReadOnlySpan<char> label = rest[fields.Label];
            if (!label.SequenceEqual("CERTIFICATE"))
            {
                throw new InvalidDataException($"it holds a PEM '{JoseHeader.Printable(label.ToString())}' block; only CERTIFICATE blocks are accepted");
            }

            if (result.Count == maxCertificates)
            {
                throw new InvalidDataException($"it holds more than {maxCertificates} certificates");
            }

            byte[] der;
            try
            {
                der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException($"PEM certificate {result.Count + 1} is not valid base64", ex);
            }

            CheckDer(der, $"PEM certificate {result.Count + 1}");
            result.Add(der);
            rest = rest[fields.Location.End..];
        }

        if (result.Count == 0)
        {
            throw new InvalidDataException("it has a PEM marker but no well-formed CERTIFICATE block");
        }

        return result;
    }

    /// <summary>Loads one DER certificate, refusing trailing bytes. Throws <see cref="InvalidDataException"/>.</summary>
    public static X509Certificate2 LoadDer(ReadOnlySpan<byte> der, string what)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"{what} is not a DER X.509 certificate", ex);
        }

        if (certificate.RawDataMemory.Length != der.Length)
        {
            certificate.Dispose();
            throw new InvalidDataException($"{what} has bytes after the DER certificate");
        }

        return certificate;
    }

    private static void CheckDer(ReadOnlySpan<byte> der, string what)
    {
        if (der.IsEmpty || der[0] != 0x30)
        {
            throw new InvalidDataException($"{what} is neither PEM nor a DER certificate");
        }

        LoadDer(der, what).Dispose();
    }
}
