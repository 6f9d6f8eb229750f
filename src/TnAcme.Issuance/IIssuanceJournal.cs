namespace TnAcme.Issuance;

/// <summary>
/// Record-intent-then-sign: the CA writes what it is about to sign before signing, so that a crash can never
/// leave a signed certificate the CA cannot account for. Storage implements it.
/// </summary>
public interface IIssuanceJournal
{
    /// <summary>Durably records the TBSCertificate about to be signed. Must complete before the signature.</summary>
    Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken);

    /// <summary>Records the signed certificate.</summary>
    Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken);
}
