using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TnAcme.Cli.Bench;

/// <summary>The figures of a run, as text for people and JSON for scripts.</summary>
internal sealed class BenchResult
{
    /// <summary>The goals on the reference machine (2 cores shared by server and load generator, SQLite).</summary>
    public const double TargetIssuancesPerSecond = 1000, TargetP99Ms = 100, TargetServerCpuMs = 1.2;

    private readonly BenchSettings _settings;
    private readonly string _directoryUrl;
    private readonly int? _serverPid;
    private readonly BenchPhase _warmup;
    private readonly BenchPhase _measured;
    private readonly Measurement _m;

    public BenchResult(BenchSettings settings, string directoryUrl, int? serverPid, BenchPhase warmup, BenchPhase measured, Measurement m, bool aborted)
    {
        _settings = settings;
        _directoryUrl = directoryUrl;
        _serverPid = serverPid;
        _warmup = warmup;
        _measured = measured;
        _m = m;
        Aborted = aborted;
        double[] sorted = measured.SortedLatencies();
        Issuances = sorted.Length;
        P50 = BenchPhase.Percentile(sorted, 50);
        P90 = BenchPhase.Percentile(sorted, 90);
        P99 = BenchPhase.Percentile(sorted, 99);
        Max = sorted.Length == 0 ? 0 : sorted[^1];
        Mean = sorted.Length == 0 ? 0 : sorted.Average();
        double seconds = m.Elapsed.TotalSeconds;
        IssuancesPerSecond = seconds > 0 ? Issuances / seconds : 0;
        Requests = m.After.Requests - m.Before.Requests;
        RequestsPerSecond = seconds > 0 ? Requests / seconds : 0;
        ClientCpuMs = (m.After.ClientCpu - m.Before.ClientCpu).TotalMilliseconds;
        ServerCpuMs = m.After.ServerCpu is { } a && m.Before.ServerCpu is { } b ? (a - b).TotalMilliseconds : null;
    }

    /// <summary>Stopped early: too many failures.</summary>
    public bool Aborted { get; }

    public int Issuances { get; }

    public int Failures => _measured.Failures + _warmup.Failures;

    public double P50 { get; }

    public double P90 { get; }

    public double P99 { get; }

    public double Max { get; }

    public double Mean { get; }

    public double IssuancesPerSecond { get; }

    public long Requests { get; }

    public double RequestsPerSecond { get; }

    public double ClientCpuMs { get; }

    public double? ServerCpuMs { get; }

    private double? PerIssuance(double? total) => total is double t && Issuances > 0 ? t / Issuances : null;

    private static double R(double v, int digits = 2) => Math.Round(v, digits, MidpointRounding.AwayFromZero);

    private static JsonNode? R(double? v, int digits = 2) => v is double d ? JsonValue.Create(R(d, digits)) : null;

    public JsonObject ToJson()
    {
        var steps = new JsonObject();
        foreach (BenchStep step in Enum.GetValues<BenchStep>())
        {
            steps[BenchSteps.Names[(int)step]] = Issuances == 0 ? 0 : R(_measured.StepTimes.TotalMs(step) / Issuances, 3);
        }

        var byStep = new JsonObject();
        foreach (var (step, n) in _measured.FailuresByStep().Concat(_warmup.FailuresByStep()).GroupBy(p => p.Key).Select(g => (g.Key, g.Sum(p => p.Value))))
        {
            byStep[step] = n;
        }

        double? serverPer = PerIssuance(ServerCpuMs);
        double? clientPer = PerIssuance(ClientCpuMs);
        return new JsonObject
        {
            ["mode"] = _settings.SelfContained ? "self-contained" : "external",
            ["directory"] = _directoryUrl,
            ["serverPid"] = _serverPid,
            ["concurrency"] = _settings.Concurrency,
            ["warmup"] = _settings.Warmup,
            ["http"] = _settings.Http2 ? "2" : "1.1",
            ["keyPool"] = _settings.KeyPool,
            ["profile"] = _settings.Profile,
            ["aborted"] = Aborted,
            ["issuances"] = Issuances,
            ["failures"] = Failures,
            ["failuresByStep"] = byStep,
            ["firstFailures"] = new JsonArray([.. _warmup.FirstFailures().Concat(_measured.FirstFailures()).Take(5).Select(f => (JsonNode?)f)]),
            ["elapsedSeconds"] = R(_m.Elapsed.TotalSeconds, 3),
            ["issuancesPerSecond"] = R(IssuancesPerSecond, 1),
            ["requests"] = Requests,
            ["requestsPerSecond"] = R(RequestsPerSecond, 1),
            ["latencyMs"] = new JsonObject
            {
                ["p50"] = R(P50),
                ["p90"] = R(P90),
                ["p99"] = R(P99),
                ["max"] = R(Max),
                ["mean"] = R(Mean),
            },
            ["stepMeanMs"] = steps,
            ["serverCpuMs"] = R(ServerCpuMs, 0),
            ["serverCpuMsPerIssuance"] = R(serverPer, 3),
            ["clientCpuMs"] = R(ClientCpuMs, 0),
            ["clientCpuMsPerIssuance"] = R(clientPer, 3),
            ["targets"] = new JsonObject
            {
                ["issuancesPerSecond"] = TargetIssuancesPerSecond,
                ["p99Ms"] = TargetP99Ms,
                ["serverCpuMsPerIssuance"] = TargetServerCpuMs,
                ["met"] = Issuances > 0 && IssuancesPerSecond >= TargetIssuancesPerSecond && P99 <= TargetP99Ms && serverPer is double s && s <= TargetServerCpuMs,
            },
        };
    }

    public string ToText()
    {
        var t = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        string count = Issuances.ToString(c);
        t.AppendLine(c, $"tnacme bench: {count} issuances measured at concurrency {_settings.Concurrency} after {_settings.Warmup} warm-up, HTTP/{(_settings.Http2 ? "2" : "1.1")}, {(_settings.SelfContained ? "self-contained server" : "external server")} {_directoryUrl}{(_serverPid is int pid ? $" (pid {pid})" : string.Empty)}");
        if (Aborted)
        {
            t.AppendLine("  STOPPED EARLY: too many failures");
        }

        t.AppendLine(c, $"  throughput:   {IssuancesPerSecond:0.0} issuances/s, {RequestsPerSecond:0.0} requests/s ({Requests} requests in {_m.Elapsed.TotalSeconds:0.00} s)");
        t.AppendLine(c, $"  latency (complete issuance, ms): p50 {P50:0.0}  p90 {P90:0.0}  p99 {P99:0.0}  max {Max:0.0}  mean {Mean:0.0}");
        if (Issuances > 0)
        {
            t.Append("  per request (mean ms, as the client sees it):");
            foreach (BenchStep step in Enum.GetValues<BenchStep>())
            {
                t.Append(c, $" {BenchSteps.Names[(int)step]} {_measured.StepTimes.TotalMs(step) / Issuances:0.0}");
            }

            t.AppendLine();
        }

        t.AppendLine(c, $"  failures:     {Failures}{(Failures > 0 ? " — " + string.Join(", ", _measured.FailuresByStep().Concat(_warmup.FailuresByStep()).Select(p => $"{p.Key} {p.Value}")) : string.Empty)}");
        foreach (string f in _warmup.FirstFailures().Concat(_measured.FirstFailures()).Take(3))
        {
            t.AppendLine(c, $"    {f}");
        }

        double? serverPer = PerIssuance(ServerCpuMs);
        t.AppendLine(serverPer is double s
            ? string.Create(c, $"  server CPU:   {s:0.000} ms per issuance ({ServerCpuMs:0} ms user+system)")
            : "  server CPU:   unknown (give --server-pid for an external server)");
        t.AppendLine(c, $"  client CPU:   {PerIssuance(ClientCpuMs) ?? 0:0.000} ms per issuance ({ClientCpuMs:0} ms, load generator)");
        bool tput = IssuancesPerSecond >= TargetIssuancesPerSecond, p99 = P99 <= TargetP99Ms, cpu = serverPer is double sp && sp <= TargetServerCpuMs;
        t.Append(c, $"  targets:      ≥{TargetIssuancesPerSecond:0}/s {(tput ? "met" : "not met")}, p99 ≤{TargetP99Ms:0} ms {(p99 ? "met" : "not met")}, server CPU ≤{TargetServerCpuMs} ms {(cpu ? "met" : "not met")}");
        return t.ToString();
    }
}
