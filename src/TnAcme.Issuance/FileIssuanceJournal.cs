using System.Security.Cryptography;

namespace TnAcme.Issuance;

/// <summary>
/// The journal for offline issuance by operators: one intent file (the TBSCertificate) written and flushed before
/// the signature, then the certificate beside it. The server uses the database journal instead.
/// </summary>
public sealed class FileIssuanceJournal : IIssuanceJournal
{
    private readonly string _directory;

    public FileIssuanceJournal(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public async Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken)
    {
        string path = Path.Combine(_directory, $"{serialHex}.{profileName}.tbs.der");
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await stream.WriteAsync(tbsCertificate, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public async Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        string path = Path.Combine(_directory, $"{certificate.SerialHex}.crt.pem");
        await File.WriteAllTextAsync(path, PemEncoding.WriteString("CERTIFICATE", certificate.Der) + "\n", cancellationToken);
    }
}
