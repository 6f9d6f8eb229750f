using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;

namespace TnAcme.Storage.Stores;

public sealed class EfExternalAccountKeyStore : IExternalAccountKeyStore
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public EfExternalAccountKeyStore(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task CreateAsync(ExternalAccountKey key, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        db.ExternalAccountKeys.Add(new Entities.ExternalAccountKeyEntity
        {
            KeyId = key.KeyId,
            Name = key.Name,
            HmacKey = key.HmacKey,
            CreatedAt = Time.ToUnix(key.CreatedAt),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ExternalAccountKey?> GetAsync(string keyId, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(cancellationToken);
        var e = await db.ExternalAccountKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        return e is null ? null : new ExternalAccountKey
        {
            KeyId = e.KeyId,
            Name = e.Name,
            HmacKey = e.HmacKey,
            CreatedAt = Time.FromUnix(e.CreatedAt),
            BoundAccountId = e.BoundAccountId,
        };
    }
}
