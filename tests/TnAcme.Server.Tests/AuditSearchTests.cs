using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;
using TnAcme.Stir;
using TnAcme.Storage;
using TnAcme.Storage.Transparency;

namespace TnAcme.Server.Tests;

/// <summary>
/// The by-number and by-range index against brute force (TnCoverage over every logged TNAuthList): ranges of every
/// width class from 2 to 10^9 numbers, numbers of several lengths, SPCs; plus paging and the other filters.
/// </summary>
public sealed class AuditSearchTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tnacme-auditsearch-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Random _random = new(7);
    private readonly List<(long Index, TnAuthList List, string Account)> _logged = [];
    private IDbContextFactory<TnAcmeDbContext> _db = null!;
    private long _size;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _db = StorageSetup.SqliteFactory(Path.Combine(_folder, "log.db"));
        await StorageSetup.MigrateAsync(_db);
        var items = new List<LogAppendItem>();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        for (int i = 0; i < 600; i++)
        {
            TnAuthList list = RandomList();
            string account = "acct" + (i % 7).ToString(CultureInfo.InvariantCulture);
            string serial = i.ToString("X8", CultureInfo.InvariantCulture);
            items.Add(new LogAppendItem(LogEntryKind.Issued, serial, account, now.AddSeconds(i),
                LogEntryCodec.Encode(LogEntryCodec.Issued(serial, "CN=CA", account, "tn-shortlived", list, now, now.AddDays(1), ["tkauth-01"], [1], now.AddSeconds(i)))));
            _logged.Add((i, list, account));
        }

        await new LogBulkAppender(_db).AppendAsync(items, default);
        var integrator = new LogIntegrator(_db, NoteKey.Generate("test/log"), new MerkleTree());
        await integrator.LoadAsync(default);
        while (await integrator.IntegrateOnceAsync(default) > 0)
        {
        }

        _size = integrator.Tree.Size;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task By_number_and_by_range_match_brute_force()
    {
        var search = new AuditSearch(_db);
        for (int q = 0; q < 300; q++)
        {
            string tn = q % 2 == 0 ? NumberInside(_logged[_random.Next(_logged.Count)].List) ?? RandomNumber(11) : RandomNumber(q % 3 == 0 ? 10 : 11);
            var expected = _logged.Where(l => TnCoverage.Of(l.List).Contains(TelephoneNumber.Parse(tn))).Select(l => l.Index).ToList();
            var found = await search.SearchAsync(new AuditQuery { TelephoneNumber = tn, Limit = 1000 }, _size, DateTimeOffset.UtcNow, default);
            Assert.Equal(expected, found.Select(f => f.LeafIndex));

            long first = long.Parse(tn, CultureInfo.InvariantCulture);
            long last = Math.Min(first + _random.NextInt64(1, 1_000_000), (long)Math.Pow(10, tn.Length) - 1);
            string lastText = last.ToString(CultureInfo.InvariantCulture).PadLeft(tn.Length, '0');
            TnCoverage probe = last > first
                ? TnCoverage.Of([TnEntry.OfRange(tn, last - first + 1)])
                : TnCoverage.Of([TnEntry.OfNumber(tn)]);
            var overlapping = _logged.Where(l => TnCoverage.Of(l.List).Overlaps(probe)).Select(l => l.Index).ToList();
            var foundRange = await search.SearchAsync(new AuditQuery { Range = (tn, lastText), Limit = 1000 }, _size, DateTimeOffset.UtcNow, default);
            Assert.Equal(overlapping, foundRange.Select(f => f.LeafIndex));
        }
    }

    [Fact]
    public async Task Spc_account_paging_and_the_tree_size_bound()
    {
        var search = new AuditSearch(_db);
        string spc = _logged.SelectMany(l => l.List.ServiceProviderCodes).First().Value;
        var expected = _logged.Where(l => l.List.ServiceProviderCodes.Any(s => s.Value == spc)).Select(l => l.Index).ToList();
        Assert.Equal(expected, (await search.SearchAsync(new AuditQuery { Spc = spc, Limit = 1000 }, _size, DateTimeOffset.UtcNow, default)).Select(f => f.LeafIndex));

        var pages = new List<long>();
        long after = -1;
        while (true)
        {
            var page = await search.SearchAsync(new AuditQuery { Account = "acct3", After = after, Limit = 25 }, _size, DateTimeOffset.UtcNow, default);
            pages.AddRange(page.Select(p => p.LeafIndex));
            if (page.Count < 25)
            {
                break;
            }

            after = page[^1].LeafIndex;
        }

        Assert.Equal(_logged.Where(l => l.Account == "acct3").Select(l => l.Index), pages);
        Assert.All(await search.SearchAsync(new AuditQuery { Account = "acct3", Limit = 1000 }, 100, DateTimeOffset.UtcNow, default), r => Assert.True(r.LeafIndex < 100));
    }

    private TnAuthList RandomList()
    {
        var entries = new List<TnEntry>();
        int n = _random.Next(1, 4);
        for (int i = 0; i < n; i++)
        {
            switch (_random.Next(4))
            {
                case 0:
                    entries.Add(TnEntry.OfSpc(_random.Next(100, 140).ToString(CultureInfo.InvariantCulture)));
                    break;
                case 1:
                    entries.Add(TnEntry.OfNumber(RandomNumber(_random.Next(2) == 0 ? 10 : 11)));
                    break;
                default:
                    // Every width class from 2 numbers to a billion.
                    long count = Math.Max(2, (long)Math.Pow(10, _random.NextDouble() * 9));
                    long start = 12_020_000_000 + _random.NextInt64(50_000_000);
                    entries.Add(TnEntry.OfRange(start.ToString(CultureInfo.InvariantCulture), count));
                    break;
            }
        }

        return TnAuthList.Create(entries);
    }

    /// <summary>Numbers cluster in 1202…, so random probes hit ranges often.</summary>
    private string RandomNumber(int length) => length == 11
        ? (12_020_000_000 + _random.NextInt64(60_000_000)).ToString(CultureInfo.InvariantCulture)
        : (2_020_000_000 + _random.NextInt64(60_000_000)).ToString(CultureInfo.InvariantCulture);

    private string? NumberInside(TnAuthList list) => list.Entries.OfType<RangeEntry>().FirstOrDefault() is { } range
        ? range.Range.NumberAt(_random.NextInt64(range.Range.Count))
        : list.Entries.OfType<OneEntry>().FirstOrDefault()?.Number.Value;
}
