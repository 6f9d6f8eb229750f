namespace TnAcme.Acme.Stores;

public interface ICertificateStore
{
    Task<IssuedCertificateRecord?> GetAsync(string serial, CancellationToken cancellationToken);

    /// <summary>Records a revocation; false when it was already revoked.</summary>
    Task<bool> TryRevokeAsync(string serial, int? reason, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<IssuedCertificateRecord>> ListRevokedAsync(CancellationToken cancellationToken);
}
