namespace TnAcme.Acme.Stores;

public interface IExternalAccountKeyStore
{
    Task CreateAsync(ExternalAccountKey key, CancellationToken cancellationToken);

    Task<ExternalAccountKey?> GetAsync(string keyId, CancellationToken cancellationToken);
}
