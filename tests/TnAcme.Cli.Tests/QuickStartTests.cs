using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace TnAcme.Cli.Tests;

/// <summary>
/// The README quick start, command by command, as separate processes: start the CA (with its embedded token
/// authority), grant SPC 1234 to a carrier, register with EAB, order, show the certificate; then SIGTERM stops it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class QuickStartTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-quickstart-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Readme_quick_start_issues_an_spc_certificate()
    {
        string data = Path.Combine(_dir, "data");
        int port = FreePort();
        var serveInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "tnacme.dll"), "serve", "--data-dir", data, "--listen", $"https://127.0.0.1:{port}" })
        {
            serveInfo.ArgumentList.Add(a);
        }

        using Process serve = Process.Start(serveInfo)!;
        try
        {
            string banner = await ReadUntilAsync(serve.StandardOutput, "Stop with", TimeSpan.FromMinutes(2));
            Assert.Contains($"https://127.0.0.1:{port}/acme/directory", banner, StringComparison.Ordinal);
            Assert.Contains("tn-callback-01 (development outbox", banner, StringComparison.Ordinal);
            string directory = $"https://127.0.0.1:{port}/acme/directory";
            string taUrl = $"https://127.0.0.1:{port}/sti-pa";
            TnAcmeProcess t = TnAcmeProcess.Default;

            JsonObject ta = await t.RunJsonAsync(0, "ta", "account", "create", "--data-dir", data, "--name", "Carrier X");
            string taId = (string)ta["id"]!, taKey = (string)ta["apiKey"]!;
            await t.RunJsonAsync(0, "ta", "grant", "--data-dir", data, "--account", taId, "--spc", "1234");
            JsonObject eab = await t.RunJsonAsync(0, "eab", "create", "--data-dir", data, "--name", "Carrier X");
            await t.RunJsonAsync(0, "account", "register", "--data-dir", data, "--server", directory, "--ca-bundle", Path.Combine(data, "ca", "root.crt.pem"),
                "--eab-kid", (string)eab["keyId"]!, "--eab-hmac", (string)eab["hmacKey"]!, "--contact", "mailto:pki@carrier.example");
            JsonObject order = await t.RunJsonAsync(0, "order", "--data-dir", data, "--spc", "1234", "--organization", "Carrier X",
                "--token-authority", taUrl, "--ta-account", taId, "--ta-key", taKey);
            string chain = (string)order["chain"]!;

            JsonObject shown = await t.RunJsonAsync(0, "cert", "show", chain);
            Assert.Equal("shaken-sp", (string?)shown["profile"]);
            Assert.Equal("1234", (string?)shown["tnAuthList"]!["entries"]![0]!["spc"]);
            Assert.Empty(shown["lintFindings"]!.AsArray());

            // Numbers the carrier was not granted get no token, and so no certificate.
            var (exit, _, stderr) = await t.RunAsync("order", "--data-dir", data, "--tn", "12025550100",
                "--token-authority", taUrl, "--ta-account", taId, "--ta-key", taKey);
            Assert.NotEqual(0, exit);
            Assert.Contains("403", stderr, StringComparison.Ordinal);

            // A device proves the number itself: the development server's outbox holds the code it would send.
            string dll = Path.Combine(AppContext.BaseDirectory, "tnacme.dll");
            JsonObject device = await t.RunJsonAsync(0, "order", "--data-dir", data, "--tn", "12025550100", "--challenge", "tn-callback-01",
                "--code-command", $"dotnet '{dll}' callback outbox --data-dir '{data}' --tn 12025550100 --last");
            JsonObject deviceCert = await t.RunJsonAsync(0, "cert", "show", (string)device["chain"]!);
            Assert.Equal("tn-shortlived", (string?)deviceCert["profile"]);
            Assert.Equal("12025550100", (string?)deviceCert["tnAuthList"]!["entries"]![0]!["one"]);
            Assert.NotNull(deviceCert["enhancedJwtClaimConstraints"]);
            JsonObject outbox = await t.RunJsonAsync(0, "callback", "outbox", "--data-dir", data);
            Assert.Equal("sms", (string?)outbox["deliveries"]![0]!["channel"]);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode((string)outbox["outbox"]!));
        }
        finally
        {
            using (Process kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await serve.WaitForExitAsync(stopTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                serve.Kill(entireProcessTree: true);
                Assert.Fail("tnacme serve did not stop on SIGTERM within 20 s");
            }
        }
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            text.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }

        throw new InvalidOperationException("tnacme serve ended before it was ready:\n" + text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
