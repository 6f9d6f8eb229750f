using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;
using TnAcme.Stir;
using TnAcme.Storage;
using TnAcme.Storage.Transparency;

namespace TnAcme.Server.Tests;

/// <summary>The integrator resumes from the database, and refuses to sign over stored leaves that no longer match its last checkpoint.</summary>
public sealed class LogIntegratorTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tnacme-integrator-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly NoteKey _key = NoteKey.Generate("test.example/log");
    private IDbContextFactory<TnAcmeDbContext> _db = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _db = StorageSetup.SqliteFactory(Path.Combine(_folder, "log.db"));
        await StorageSetup.MigrateAsync(_db);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Resumes_after_a_restart_and_refuses_to_sign_over_altered_leaves()
    {
        await AppendAsync(7);
        var first = new LogIntegrator(_db, _key, new MerkleTree());
        await first.LoadAsync(default);
        Assert.Equal(7, await first.IntegrateOnceAsync(default));
        Checkpoint seven = Checkpoint.OpenSigned(first.LatestCheckpoint!, _key);
        Assert.Equal(7, seven.TreeSize);

        // A restart: the new integrator rebuilds the same tree from the stored leaves, then carries on.
        await AppendAsync(5);
        var second = new LogIntegrator(_db, _key, new MerkleTree());
        await second.LoadAsync(default);
        Assert.Null(second.Fault);
        Assert.Equal(seven.RootHash, second.Tree.Root(7));
        Assert.Equal(5, await second.IntegrateOnceAsync(default));
        Assert.Equal(12, Checkpoint.OpenSigned(second.LatestCheckpoint!, _key).TreeSize);

        // Someone rewrites a stored leaf hash: the log notices at start and signs nothing more.
        await using (TnAcmeDbContext db = await _db.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"log_leaves\" SET \"Hash\" = zeroblob(32) WHERE \"LeafIndex\" = 3");
        }

        await AppendAsync(1);
        var third = new LogIntegrator(_db, _key, new MerkleTree());
        await third.LoadAsync(default);
        Assert.NotNull(third.Fault);
        Assert.Equal(0, await third.IntegrateOnceAsync(default));
        Assert.Equal(12, Checkpoint.OpenSigned(third.LatestCheckpoint!, _key).TreeSize);
    }

    private async Task AppendAsync(int count)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var items = Enumerable.Range(0, count).Select(i =>
        {
            string serial = Guid.NewGuid().ToString("N").ToUpperInvariant();
            var list = TnAuthList.Create(TnEntry.OfNumber("1202555" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return new LogAppendItem(LogEntryKind.Issued, serial, "acct", now,
                LogEntryCodec.Encode(LogEntryCodec.Issued(serial, "CN=CA", "acct", "tn-shortlived", list, now, now.AddDays(1), ["tkauth-01"], [1], now)));
        }).ToList();
        await new LogBulkAppender(_db).AppendAsync(items, default);
    }
}
