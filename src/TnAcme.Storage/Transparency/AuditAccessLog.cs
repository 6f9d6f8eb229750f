using Microsoft.EntityFrameworkCore;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage.Transparency;

/// <summary>Who asked the audit API what, and when: every auditor request, refused ones included.</summary>
public sealed class AuditAccessLog
{
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public AuditAccessLog(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task RecordAsync(string? keyId, string method, string target, int status, int results, CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        db.AuditAccess.Add(new AuditAccessEntity
        {
            KeyId = keyId,
            At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Method = method,
            Target = target.Length > 2000 ? target[..2000] : target,
            Status = status,
            Results = results,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AuditAccessEntity>> ListAsync(DateTimeOffset? since, int limit, CancellationToken ct)
    {
        long from = since?.ToUnixTimeMilliseconds() ?? 0;
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        return await db.AuditAccess.AsNoTracking().Where(a => a.At >= from).OrderBy(a => a.Id).Take(limit).ToListAsync(ct);
    }
}
