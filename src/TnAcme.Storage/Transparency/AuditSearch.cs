using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;

namespace TnAcme.Storage.Transparency;

/// <summary>
/// The auditor's queries over integrated leaves (below the tree size the caller names, so every result can be
/// proved against a checkpoint). By number and by range use the interval index one width class at a time (see
/// <see cref="NumberInterval.SpanClass"/>): sixteen index seeks, never a scan.
/// </summary>
public sealed class AuditSearch
{
    private const int SpanClasses = 16;
    private readonly IDbContextFactory<TnAcmeDbContext> _factory;

    public AuditSearch(IDbContextFactory<TnAcmeDbContext> factory) => _factory = factory;

    public async Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditQuery query, long treeSize, DateTimeOffset now, CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        var sql = new StringBuilder("""
            SELECT e."LeafIndex", e."Entry", c."RevokedAt", c."RevocationReason", c."NotAfter",
                   (SELECT r."LeafIndex" FROM "log_entries" r WHERE r."Serial" = e."Serial" AND r."Kind" = 1 AND r."LeafIndex" < @size)
            FROM "log_entries" e LEFT JOIN "certificates" c ON c."Serial" = e."Serial"
            WHERE e."Kind" = 0 AND e."LeafIndex" > @after AND e."LeafIndex" < @size
            """);
        LogIntegrator.Parameter(command, "@after", query.After);
        LogIntegrator.Parameter(command, "@size", treeSize);
        if (query.TelephoneNumber is { } tn)
        {
            long n = long.Parse(tn, CultureInfo.InvariantCulture);
            sql.Append(""" AND e."LeafIndex" IN (""").Append(Overlapping(command, "tn", tn.Length, n, n)).Append(')');
        }

        if (query.Range is var (first, last))
        {
            sql.Append(""" AND e."LeafIndex" IN (""")
                .Append(Overlapping(command, "range", first.Length, long.Parse(first, CultureInfo.InvariantCulture), long.Parse(last, CultureInfo.InvariantCulture)))
                .Append(')');
        }

        if (query.Spc is { } spc)
        {
            sql.Append(""" AND e."LeafIndex" IN (SELECT s."LeafIndex" FROM "log_spcs" s WHERE s."Spc" = @spc)""");
            LogIntegrator.Parameter(command, "@spc", spc);
        }

        if (query.Account is { } account)
        {
            sql.Append(""" AND e."AccountId" = @account""");
            LogIntegrator.Parameter(command, "@account", account);
        }

        if (query.Serial is { } serial)
        {
            sql.Append(""" AND e."Serial" = @serial""");
            LogIntegrator.Parameter(command, "@serial", serial.ToUpperInvariant());
        }

        if (query.From is { } from)
        {
            sql.Append(""" AND e."LoggedAt" >= @from""");
            LogIntegrator.Parameter(command, "@from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            sql.Append(""" AND e."LoggedAt" < @to""");
            LogIntegrator.Parameter(command, "@to", to.ToUnixTimeMilliseconds());
        }

        if (query.Status is { } status)
        {
            LogIntegrator.Parameter(command, "@now", now.ToUnixTimeMilliseconds());
            sql.Append(status switch
            {
                CertificateStatusFilter.Revoked => """ AND c."RevokedAt" IS NOT NULL""",
                CertificateStatusFilter.Expired => """ AND c."RevokedAt" IS NULL AND c."NotAfter" <= @now""",
                _ => """ AND c."RevokedAt" IS NULL AND c."NotAfter" > @now""",
            });
        }

        sql.Append(""" ORDER BY e."LeafIndex" LIMIT @limit""");
        LogIntegrator.Parameter(command, "@limit", query.Limit);
        command.CommandText = sql.ToString();

        var results = new List<AuditRecord>();
        await using DbDataReader rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            results.Add(new AuditRecord(rows.GetInt64(0), (byte[])rows.GetValue(1),
                rows.IsDBNull(2) ? null : rows.GetInt64(2),
                rows.IsDBNull(3) ? null : rows.GetInt32(3),
                rows.IsDBNull(4) ? null : rows.GetInt64(4),
                rows.IsDBNull(5) ? null : rows.GetInt64(5)));
        }

        return results;
    }

    /// <summary>One leaf's entry, any kind, with its certificate's state; null when the index is not integrated.</summary>
    public async Task<(int Kind, AuditRecord Record, byte[]? CertificateDer)?> EntryAsync(long leafIndex, long treeSize, CancellationToken ct)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return null;
        }

        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        var row = await db.LogEntries.AsNoTracking().Where(e => e.LeafIndex == leafIndex)
            .Select(e => new { e.Kind, e.Entry, e.Serial }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var cert = await db.Certificates.AsNoTracking().Where(c => c.Serial == row.Serial)
            .Select(c => new { c.Der, c.RevokedAt, c.RevocationReason, c.NotAfter }).FirstOrDefaultAsync(ct);
        long? revocationLeaf = await db.LogEntries.AsNoTracking().Where(e => e.Serial == row.Serial && e.Kind == (int)LogEntryKind.Revoked && e.LeafIndex < treeSize)
            .Select(e => (long?)e.LeafIndex).FirstOrDefaultAsync(ct);
        return (row.Kind, new AuditRecord(leafIndex, row.Entry, cert?.RevokedAt, cert?.RevocationReason, cert?.NotAfter, revocationLeaf), cert?.Der);
    }

    /// <summary>Every entry below the tree size, in leaf order (export): (leaf index, kind, bytes).</summary>
    public async IAsyncEnumerable<(long LeafIndex, int Kind, byte[] Entry)> AllAsync(long treeSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using TnAcmeDbContext db = await _factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """SELECT "LeafIndex", "Kind", "Entry" FROM "log_entries" WHERE "LeafIndex" < @size ORDER BY "LeafIndex" """;
        LogIntegrator.Parameter(command, "@size", treeSize);
        await using DbDataReader rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            yield return (rows.GetInt64(0), rows.GetInt32(1), (byte[])rows.GetValue(2));
        }
    }

    /// <summary>Leaves whose intervals of this length overlap [first, last]: per width class, starts within reach.</summary>
    private static string Overlapping(DbCommand command, string name, int length, long first, long last)
    {
        LogIntegrator.Parameter(command, $"@{name}Len", length);
        LogIntegrator.Parameter(command, $"@{name}First", first);
        LogIntegrator.Parameter(command, $"@{name}Last", last);
        var parts = new List<string>();
        for (int c = 0; c < SpanClasses; c++)
        {
            long reach = NumberInterval.MaxSpan(c);
            parts.Add($"""
                SELECT n."LeafIndex" FROM "log_numbers" n WHERE n."Length" = @{name}Len AND n."SpanClass" = {c}
                AND n."Start" BETWEEN @{name}First - {reach} AND @{name}Last AND n."End" >= @{name}First
                """);
        }

        return string.Join(" UNION ALL ", parts);
    }
}
