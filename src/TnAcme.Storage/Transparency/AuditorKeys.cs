using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage.Transparency;

/// <summary>
/// Auditor API keys: <c>tnaudit_&lt;id&gt;_&lt;secret&gt;</c>, created by an operator, read-only by construction (the
/// audit API has no write). Only SHA-256 of the whole key is stored, compared in constant time.
/// </summary>
public sealed class AuditorKeys
{
    private const string Prefix = "tnaudit_";
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public AuditorKeys(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    /// <summary>Creates a key; the returned secret is shown once and never stored.</summary>
    public async Task<(string Id, string ApiKey)> CreateAsync(string name, CancellationToken ct)
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string apiKey = Prefix + id + "_" + TnAcme.Stir.Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        db.AuditorKeys.Add(new AuditorKeyEntity { Id = id, Name = name, SecretHash = Hash(apiKey), CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
        await db.SaveChangesAsync(ct);
        return (id, apiKey);
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return await db.AuditorKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) == 1;
    }

    public async Task<IReadOnlyList<AuditorKeyEntity>> ListAsync(CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        return await db.AuditorKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(ct);
    }

    /// <summary>The key's id and name when <paramref name="apiKey"/> is a valid, unrevoked key; otherwise null.</summary>
    public async Task<(string Id, string Name)?> AuthenticateAsync(string apiKey, CancellationToken ct)
    {
        if (!apiKey.StartsWith(Prefix, StringComparison.Ordinal) || apiKey.Length > 200)
        {
            return null;
        }

        int separator = apiKey.IndexOf('_', Prefix.Length);
        if (separator < 0)
        {
            return null;
        }

        string id = apiKey[Prefix.Length..separator];
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        AuditorKeyEntity? key = await db.AuditorKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        return key is not null && key.RevokedAt is null && CryptographicOperations.FixedTimeEquals(key.SecretHash, Hash(apiKey))
            ? (key.Id, key.Name)
            : null;
    }

    private static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
}
