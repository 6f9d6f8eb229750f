using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TnAcme.Log.Entries;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;
using TnAcme.Stir;
using TnAcme.Storage;
using TnAcme.Storage.Transparency;

namespace TnAcme.Cli.Audit;

/// <summary>
/// Builds an issuance log of N certificates in a fresh SQLite database (batched appends, then the integrator:
/// leaf hashes, number and SPC index, checkpoints), then times auditor queries by number. The certificates are
/// synthetic but shaped like a carrier's: mostly single numbers, a quarter number ranges of 10 to 10,000, some SPCs.
/// </summary>
internal sealed class LogBench
{
    private const int AppendBatch = 10_000;
    private readonly int _entries;
    private readonly int _queries;
    private readonly TextWriter _progress;
    private readonly Random _random = new(20261127);
    private readonly List<long> _knownNumbers = [];

    private readonly bool _concurrent;

    /// <param name="concurrent">Integrate while appending, as the server does, instead of one phase after the other.</param>
    public LogBench(int entries, int queries, bool concurrent, TextWriter progress)
    {
        _entries = entries;
        _queries = queries;
        _concurrent = concurrent;
        _progress = progress;
    }

    public async Task<JsonObject> RunAsync(string databasePath, CancellationToken ct)
    {
        IDbContextFactory<TnAcmeDbContext> factory = StorageSetup.SqliteFactory(databasePath);
        await StorageSetup.MigrateAsync(factory, ct);
        var appender = new LogBulkAppender(factory);

        var integrator = new LogIntegrator(factory, NoteKey.Generate("bench.tnacme.test/log"), new MerkleTree());
        await integrator.LoadAsync(ct);
        using var stopIntegrating = new CancellationTokenSource();
        Task background = _concurrent ? Task.Run(() => IntegrateUntilAsync(integrator, stopIntegrating.Token), ct) : Task.CompletedTask;

        // Appends: entry encoding + INSERT, batched.
        _progress.WriteLine($"audit bench: appending {_entries:N0} entries in batches of {AppendBatch:N0}{(_concurrent ? ", integrating at the same time" : "")}...");
        var total = Stopwatch.StartNew();
        var append = Stopwatch.StartNew();
        for (int done = 0; done < _entries; done += AppendBatch)
        {
            int n = Math.Min(AppendBatch, _entries - done);
            var batch = new List<LogAppendItem>(n);
            for (int i = 0; i < n; i++)
            {
                batch.Add(NextEntry());
            }

            await appender.AppendAsync(batch, ct);
        }

        append.Stop();
        long integratedDuringAppends = integrator.Tree.Size;
        await stopIntegrating.CancelAsync();
        await background;

        // Integration (what is left of it): leaf hashes, index rows, tree, a signed checkpoint per batch.
        _progress.WriteLine("audit bench: integrating (leaf hashes, number/SPC index, checkpoints)...");
        var integrate = Stopwatch.StartNew();
        while (await integrator.IntegrateOnceAsync(ct) > 0)
        {
        }

        integrate.Stop();
        total.Stop();

        // Queries by number: half at numbers known to be covered (directly or through a range), half at random numbers.
        _progress.WriteLine($"audit bench: {_queries:N0} queries by number...");
        var search = new AuditSearch(factory);
        long size = integrator.Tree.Size;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        for (int i = 0; i < Math.Min(200, _queries); i++)
        {
            await search.SearchAsync(new AuditQuery { TelephoneNumber = QueryNumber(i) }, size, now, ct);
        }

        var latencies = new double[_queries];
        int hits = 0;
        for (int i = 0; i < _queries; i++)
        {
            string tn = QueryNumber(i);
            long start = Stopwatch.GetTimestamp();
            IReadOnlyList<AuditRecord> found = await search.SearchAsync(new AuditQuery { TelephoneNumber = tn }, size, now, ct);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            hits += found.Count > 0 ? 1 : 0;
        }

        Array.Sort(latencies);
        double appendsPerSecond = _entries / append.Elapsed.TotalSeconds;
        long integratedAfter = _entries - integratedDuringAppends;
        double? integratedPerSecond = integratedAfter > 0 ? integratedAfter / integrate.Elapsed.TotalSeconds : null;
        double endToEnd = _entries / total.Elapsed.TotalSeconds;
        return new JsonObject
        {
            ["entries"] = _entries,
            ["mode"] = _concurrent ? "concurrent" : "sequential",
            ["integratedDuringAppends"] = integratedDuringAppends,
            ["treeSize"] = size,
            ["appendSeconds"] = Round(append.Elapsed.TotalSeconds),
            ["appendsPerSecond"] = Math.Round(appendsPerSecond),
            ["integrateSeconds"] = Round(integrate.Elapsed.TotalSeconds),
            ["integratedPerSecond"] = integratedPerSecond is double ips ? Math.Round(ips) : null,
            ["endToEndSeconds"] = Round(total.Elapsed.TotalSeconds),
            ["endToEndPerSecond"] = Math.Round(endToEnd),
            ["queries"] = _queries,
            ["queriesWithResults"] = hits,
            ["queryMs"] = new JsonObject
            {
                ["p50"] = Round(Percentile(latencies, 0.50)),
                ["p90"] = Round(Percentile(latencies, 0.90)),
                ["p99"] = Round(Percentile(latencies, 0.99)),
                ["max"] = Round(latencies.Length == 0 ? 0 : latencies[^1]),
            },
            ["databaseMegabytes"] = Math.Round(new FileInfo(databasePath).Length / 1e6 + (File.Exists(databasePath + "-wal") ? new FileInfo(databasePath + "-wal").Length / 1e6 : 0)),
            ["targets"] = new JsonObject
            {
                ["appendsPerSecondAtLeast10000"] = appendsPerSecond >= 10_000,
                ["endToEndPerSecondAtLeast10000"] = endToEnd >= 10_000,
                ["queryP99AtMost20Ms"] = Percentile(latencies, 0.99) <= 20,
            },
        };
    }

    private static async Task IntegrateUntilAsync(LogIntegrator integrator, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await integrator.IntegrateOnceAsync(CancellationToken.None) == 0)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private LogAppendItem NextEntry()
    {
        int shape = _random.Next(100);
        var entries = new List<TnEntry>();
        if (shape < 60)
        {
            entries.Add(TnEntry.OfNumber(Remember(RandomNumber()).ToString(CultureInfo.InvariantCulture)));
        }
        else if (shape < 85)
        {
            long count = (long)Math.Pow(10, 1 + (_random.NextDouble() * 3));
            long start = RandomNumber();
            Remember(start + _random.NextInt64(count));
            entries.Add(TnEntry.OfRange(start.ToString(CultureInfo.InvariantCulture), Math.Max(2, count)));
        }
        else if (shape < 95)
        {
            entries.Add(TnEntry.OfSpc(_random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            entries.Add(TnEntry.OfSpc(_random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture)));
            entries.Add(TnEntry.OfNumber(Remember(RandomNumber()).ToString(CultureInfo.InvariantCulture)));
        }

        var list = TnAuthList.Create(entries);
        string serial = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string account = "acct" + _random.Next(5000).ToString(CultureInfo.InvariantCulture);
        byte[] entry = LogEntryCodec.Encode(LogEntryCodec.Issued(serial, "CN=TnAcme Bench Issuing CA, O=TnAcme, C=US", account,
            list.IsSpcOnly ? "shaken-sp" : "tn-shortlived", list, now.AddMinutes(-5), now.AddDays(30), ["tkauth-01"], RandomNumberGenerator.GetBytes(16), now));
        return new LogAppendItem(LogEntryKind.Issued, serial, account, now, entry);
    }

    /// <summary>An 11-digit NANP-shaped number, 1NXXNXXXXXX.</summary>
    private long RandomNumber() => 12_000_000_000 + _random.NextInt64(7_000_000_000);

    private long Remember(long number)
    {
        if (_knownNumbers.Count < 100_000)
        {
            _knownNumbers.Add(number);
        }
        else if (_random.Next(10) == 0)
        {
            _knownNumbers[_random.Next(_knownNumbers.Count)] = number;
        }

        return number;
    }

    private string QueryNumber(int i) =>
        (i % 2 == 0 && _knownNumbers.Count > 0 ? _knownNumbers[_random.Next(_knownNumbers.Count)] : RandomNumber()).ToString(CultureInfo.InvariantCulture);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Round(double v) => Math.Round(v, 3);
}
