using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using TnAcme.Acme;
using TnAcme.Stir;
using TnAcme.Storage;
using TnAcme.Storage.Stores;

namespace TnAcme.Cli.Bench;

/// <summary>
/// Drives complete issuances over HTTPS with a fixed number of workers, each with its own account and nonce,
/// after a warm-up; measures throughput, latency and CPU (server and load generator) per issuance.
/// </summary>
internal sealed class BenchRunner
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private readonly BenchSettings _settings;
    private readonly TextWriter _progress;
    private long _numbers;

    public BenchRunner(BenchSettings settings, TextWriter progress)
    {
        _settings = settings;
        _progress = progress;
    }

    public async Task<BenchResult> RunAsync(CancellationToken ct)
    {
        string temp = Path.Combine(Path.GetTempPath(), "tnacme-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(temp);
        BenchServerProcess? server = null;
        try
        {
            using BenchTokenAuthority tokenAuthority = _settings.SelfContained || _settings.TokenAuthorityCertificate is null
                ? BenchTokenAuthority.Generate()
                : BenchTokenAuthority.Load(_settings.TokenAuthorityCertificate, _settings.TokenAuthorityKey!);

            string directoryUrl;
            string caBundle;
            IReadOnlyList<(string Kid, byte[] Hmac)> eabKeys;
            if (_settings.SelfContained)
            {
                string dataDir = Path.Combine(temp, "data");
                string anchor = Path.Combine(temp, "token-authority-root.pem");
                await File.WriteAllTextAsync(anchor, tokenAuthority.RootPem, ct);
                eabKeys = await CreateEabKeysAsync(dataDir, _settings.Concurrency, ct);
                _progress.WriteLine($"tnacme bench: starting the server (data in {dataDir})...");
                server = await BenchServerProcess.StartAsync(dataDir, anchor, _settings.ConfigDirectory, Path.Combine(temp, "server.log"), TimeSpan.FromSeconds(120), ct);
                directoryUrl = server.DirectoryUrl;
                caBundle = Path.Combine(dataDir, "ca", "root.crt.pem");
            }
            else
            {
                directoryUrl = _settings.DirectoryUrl!;
                caBundle = _settings.CaBundle!;
                eabKeys = _settings.EabKid is not null
                    ? [(_settings.EabKid, _settings.EabHmac!)]
                    : _settings.ServerDataDirectory is not null
                        ? await CreateEabKeysAsync(_settings.ServerDataDirectory, _settings.Concurrency, ct)
                        : [];
            }

            using var root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(caBundle, ct));
            using HttpClient http = BenchSession.CreateHttpClient(root, _settings.Concurrency, _settings.Http2);
            BenchDirectory directory = await BenchDirectory.LoadAsync(http, directoryUrl, ct);
            var counters = new BenchCounters();
            List<BenchSession> sessions = await CreateSessionsAsync(http, directory, counters, eabKeys, ct);
            (ECDsa Key, byte[] Spki)[] keyPool = Enumerable.Range(0, _settings.KeyPool).Select(_ => ECDsa.Create(ECCurve.NamedCurves.nistP256)).Select(k => (k, k.ExportSubjectPublicKeyInfo())).ToArray();
            try
            {
                _progress.WriteLine($"tnacme bench: {sessions.Count} accounts ready; warm-up of {_settings.Warmup} issuances...");
                var warmup = new BenchPhase();
                await RunPhaseAsync(sessions, tokenAuthority, keyPool, warmup, _settings.Warmup, null, ct);
                if (warmup.Failures > _settings.MaxFailures)
                {
                    return Result(directoryUrl, server, warmup, new BenchPhase(), default, aborted: true);
                }

                _progress.WriteLine(_settings.Count is long n
                    ? $"tnacme bench: measuring {n} issuances{(_settings.Duration is { } d ? $" (at most {d.TotalSeconds:0} s)" : string.Empty)}..."
                    : $"tnacme bench: measuring for {_settings.Duration!.Value.TotalSeconds:0} s...");
                var measured = new BenchPhase();
                var before = Snapshot.Take(server, _settings.ServerPid, counters);
                long start = Stopwatch.GetTimestamp();
                await RunPhaseAsync(sessions, tokenAuthority, keyPool, measured, _settings.Count ?? long.MaxValue, _settings.Duration, ct);
                TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                var after = Snapshot.Take(server, _settings.ServerPid, counters);
                return Result(directoryUrl, server, warmup, measured, new Measurement(elapsed, before, after), aborted: measured.Failures > _settings.MaxFailures);
            }
            finally
            {
                foreach ((ECDsa k, _) in keyPool)
                {
                    k.Dispose();
                }

                foreach (BenchSession s in sessions)
                {
                    s.Dispose();
                }
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            if (!_settings.KeepData)
            {
                DeleteQuietly(temp);
            }
            else
            {
                _progress.WriteLine($"tnacme bench: kept {temp}");
            }
        }
    }

    private BenchResult Result(string directoryUrl, BenchServerProcess? server, BenchPhase warmup, BenchPhase measured, Measurement m, bool aborted) =>
        new(_settings, directoryUrl, server?.Pid ?? _settings.ServerPid, warmup, measured, m, aborted);

    /// <summary>One EAB key per worker, written straight into the server's database (before the server starts, or beside it: SQLite WAL).</summary>
    private static async Task<IReadOnlyList<(string Kid, byte[] Hmac)>> CreateEabKeysAsync(string dataDir, int count, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        var factory = StorageSetup.SqliteFactory(Path.Combine(dataDir, "tnacme.db"));
        await StorageSetup.MigrateAsync(factory, ct);
        var store = new EfExternalAccountKeyStore(factory);
        var keys = new List<(string, byte[])>(count);
        for (int i = 0; i < count; i++)
        {
            var key = new ExternalAccountKey
            {
                KeyId = "eab-" + Ids.New()[..16],
                Name = $"tnacme bench worker {i}",
                HmacKey = RandomNumberGenerator.GetBytes(32),
                CreatedAt = DateTimeOffset.UtcNow,
            };
            await store.CreateAsync(key, ct);
            keys.Add((key.KeyId, key.HmacKey));
        }

        return keys;
    }

    /// <summary>
    /// One session per worker. With one EAB key per worker (or none needed) each gets its own account; with a
    /// single EAB key given on the command line every worker shares the one account it binds.
    /// </summary>
    private async Task<List<BenchSession>> CreateSessionsAsync(HttpClient http, BenchDirectory directory, BenchCounters counters, IReadOnlyList<(string Kid, byte[] Hmac)> eab, CancellationToken ct)
    {
        int n = _settings.Concurrency;
        if (eab.Count == 1 && n > 1)
        {
            var first = new BenchSession(http, directory, counters);
            await first.CreateAccountAsync(eab[0].Kid, eab[0].Hmac, ct);
            return [first, .. Enumerable.Range(1, n - 1).Select(_ => first.WithOwnNonce())];
        }

        var sessions = Enumerable.Range(0, n)
            .Select(_ => new BenchSession(http, directory, counters))
            .ToList();
        await Task.WhenAll(sessions.Select((s, i) => s.CreateAccountAsync(eab.Count > i ? eab[i].Kid : null, eab.Count > i ? eab[i].Hmac : null, ct)));
        return sessions;
    }

    private async Task RunPhaseAsync(IReadOnlyList<BenchSession> sessions, BenchTokenAuthority tokenAuthority, (ECDsa Key, byte[] Spki)[] keyPool, BenchPhase phase, long target, TimeSpan? duration, CancellationToken ct)
    {
        long claimed = 0;
        long deadline = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            while (!abort.IsCancellationRequested && Interlocked.Increment(ref claimed) <= target && Stopwatch.GetTimestamp() < deadline)
            {
                long index = Interlocked.Increment(ref _numbers);
                TnAuthList list = TnAuthList.Create(TnEntry.OfNumber(Number(index)));
                string token = tokenAuthority.Mint(list, session.Fingerprint, TokenLifetime);
                byte[] csr;
                if (keyPool.Length > 0)
                {
                    (ECDsa key, byte[] spki) = keyPool[index % keyPool.Length];
                    csr = BenchSession.Csr(list, key, spki);
                }
                else
                {
                    using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    csr = BenchSession.Csr(list, fresh, fresh.ExportSubjectPublicKeyInfo());
                }

                long started = Stopwatch.GetTimestamp();
                try
                {
                    await session.IssueAsync(list, token, csr, _settings.Profile, phase.StepTimes, abort.Token);
                    phase.Succeeded(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (BenchStepException e)
                {
                    if (phase.Failed(e.Step, e.Message) > _settings.MaxFailures)
                    {
                        await abort.CancelAsync();
                    }
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A response of an unexpected shape (a missing member, a wrong JSON kind): a failure like any other.
                    if (phase.Failed("unexpected", $"{e.GetType().Name}: {e.Message}") > _settings.MaxFailures)
                    {
                        await abort.CancelAsync();
                    }
                }
            }
        }, CancellationToken.None)));
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Distinct numbers, so no order ever finds a reusable authorization: +1 202 then 8 digits.</summary>
    private static string Number(long index) => "1202" + (index % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private static void DeleteQuietly(string path)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}

/// <summary>Counters at one instant.</summary>
internal readonly record struct Snapshot(TimeSpan? ServerCpu, TimeSpan ClientCpu, long Requests)
{
    public static Snapshot Take(BenchServerProcess? server, int? serverPid, BenchCounters counters)
    {
        TimeSpan? serverCpu = server?.CpuTime();
        if (serverCpu is null && serverPid is int pid && ProcStat.TryRead(pid, out TimeSpan cpu))
        {
            serverCpu = cpu;
        }

        using var self = Process.GetCurrentProcess();
        return new Snapshot(serverCpu, self.TotalProcessorTime, Interlocked.Read(ref counters.Requests));
    }
}

/// <summary>The measured phase's wall time and the counters around it.</summary>
internal readonly record struct Measurement(TimeSpan Elapsed, Snapshot Before, Snapshot After);
