using System.Text.Json.Nodes;

namespace TnAcme.Cli.Tests;

/// <summary>`tnacme bench` end to end: it starts its own server as a child process, issues over HTTPS and reports.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task A_tiny_self_contained_run_issues_without_failures_and_reports_json()
    {
        JsonObject report = await TnAcmeProcess.Default.RunJsonAsync(0, "bench", "--count", "20", "--concurrency", "4", "--warmup", "2", "--key-pool", "2");

        Assert.Equal("self-contained", (string?)report["mode"]);
        Assert.Equal(4, (int)report["concurrency"]!);
        Assert.False((bool)report["aborted"]!);
        Assert.Equal(20, (int)report["issuances"]!);
        Assert.Equal(0, (int)report["failures"]!);
        Assert.Empty(report["failuresByStep"]!.AsObject());
        Assert.True((double)report["issuancesPerSecond"]! > 0);
        Assert.True((long)report["requests"]! >= 20 * 5, "five requests per issuance at least");
        Assert.True((double)report["requestsPerSecond"]! > 0);

        JsonObject latency = report["latencyMs"]!.AsObject();
        double p50 = (double)latency["p50"]!, p90 = (double)latency["p90"]!, p99 = (double)latency["p99"]!, max = (double)latency["max"]!;
        Assert.True(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max, latency.ToJsonString());
        Assert.Equal(["newOrder", "authorization", "challenge", "finalize", "certificate"], report["stepMeanMs"]!.AsObject().Select(p => p.Key));

        // The child server's CPU is read from /proc (Linux), the load generator's own from its process.
        Assert.True((double)report["serverCpuMsPerIssuance"]! > 0);
        Assert.True((double)report["clientCpuMsPerIssuance"]! > 0);
        Assert.NotNull(report["serverPid"]);
        Assert.NotNull(report["targets"]!["met"]);
    }

    [Fact]
    public async Task Options_that_need_a_running_server_are_refused_without_one()
    {
        var (exit, _, stderr) = await TnAcmeProcess.Default.RunAsync("bench", "--eab-kid", "x", "--count", "1");
        Assert.Equal(2, exit);
        Assert.Contains("apply only with --directory", stderr, StringComparison.Ordinal);
    }
}
