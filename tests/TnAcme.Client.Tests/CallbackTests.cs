using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme.Problems;
using TnAcme.Client.Callback;
using TnAcme.Client.Issuance;
using TnAcme.Client.Tests.Support;
using TnAcme.Stir;

namespace TnAcme.Client.Tests;

/// <summary>
/// tn-callback-01 end to end: the real server (HTTPS) delivers the code to the webhook receiver running as its own
/// process; the client (library, and the tnacme command line as another process) takes the code from it.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class CallbackTests : IDisposable
{
    private readonly ServerFixture _server;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-client-callback-" + Guid.NewGuid().ToString("N"));

    public CallbackTests(ServerFixture server)
    {
        _server = server;
        Directory.CreateDirectory(_dir);
    }

    private string ClientDir => Path.Combine(_dir, "client");

    private string OtherClientDir(int i) => Path.Combine(_dir, "client-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string NewNumber() =>
        "1303" + RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture) is var n
            && (n.EndsWith("0500", StringComparison.Ordinal) || n.EndsWith("0408", StringComparison.Ordinal) || n.EndsWith("0400", StringComparison.Ordinal))
            ? NewNumber()
            : n;

    private string CodeCommand(string number) => $"curl -sf '{_server.Receiver.BaseUrl}/last-code?tn={number}'";

    private async Task RegisterCliAsync(string? clientDir = null)
    {
        var eab = await _server.NewEabKeyAsync();
        await TnAcmeProcess.Default.RunJsonAsync(0, "account", "register", "--server", _server.DirectoryUrl, "--ca-bundle", _server.RootPemPath,
            "--eab-kid", eab.KeyId, "--eab-hmac", Base64Url.Encode(eab.HmacKey), "--client-dir", clientDir ?? ClientDir);
    }

    [Fact]
    public async Task Cli_orders_a_device_certificate_with_the_code_from_the_webhook_receiver()
    {
        await RegisterCliAsync();
        string number = NewNumber();
        JsonObject issued = await TnAcmeProcess.Default.RunJsonAsync(0, "order", "--tn", number, "--challenge", "tn-callback-01", "--channel", "voice",
            "--code-command", CodeCommand(number), "--client-dir", ClientDir);
        Assert.Equal("tn-shortlived", (string?)issued["profile"]);

        JsonNode delivery = (await _server.Receiver.DeliveriesAsync()).Single(d => (string?)d!["number"] == number)!;
        Assert.Equal("voice", (string?)delivery["channel"]);
        Assert.Equal(0, await _server.Receiver.RejectedSignaturesAsync());

        JsonObject shown = await TnAcmeProcess.Default.RunJsonAsync(0, "cert", "show", (string)issued["chain"]!);
        Assert.Equal(number, (string?)shown["tnAuthList"]!["entries"]![0]!["one"]);
        Assert.Equal(["attest", "origid", "div", "rph"], shown["enhancedJwtClaimConstraints"]!["mustExclude"]!.AsArray().Select(x => (string)x!).ToArray());
        Assert.Empty(shown["lintFindings"]!.AsArray());

        // Renewal repeats the proof it remembers (certificate.json); within AuthorizationLifetime the account's
        // valid authorization is reused, so no second call is placed.
        JsonObject renewed = await TnAcmeProcess.Default.RunJsonAsync(0, "renew", "--name", (string)issued["name"]!, "--client-dir", ClientDir);
        Assert.Equal((string?)issued["serial"], (string?)renewed["previousSerial"]);
        Assert.Single(await _server.Receiver.DeliveriesAsync(), d => (string?)d!["number"] == number);
    }

    [Fact]
    public async Task Cli_prompts_for_the_code_and_lets_a_person_retype_it()
    {
        await RegisterCliAsync();
        string number = NewNumber();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "tnacme.dll"), "order", "--tn", number, "--challenge", "tn-callback-01", "--client-dir", ClientDir, "--json" })
        {
            info.ArgumentList.Add(a);
        }

        using Process order = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> stdout = order.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = new System.Text.StringBuilder();
        await ReadUntilAsync(order.StandardError, stderr, "Code received by sms on " + number, timeout.Token);
        string code = await _server.Receiver.LastCodeAsync(number);
        await order.StandardInput.WriteLineAsync(code == "00000000" ? "1111 1111" : "0000-0000");
        await order.StandardInput.FlushAsync(timeout.Token);
        await ReadUntilAsync(order.StandardError, stderr, "Code received by sms", timeout.Token);
        Assert.Contains("2 attempt(s) left", stderr.ToString(), StringComparison.Ordinal);
        await order.StandardInput.WriteLineAsync(code[..4] + " " + code[4..]);
        await order.StandardInput.FlushAsync(timeout.Token);
        await order.WaitForExitAsync(timeout.Token);
        string output = await stdout;
        Assert.True(order.ExitCode == 0, $"exit {order.ExitCode}: {output}\n{stderr}{await order.StandardError.ReadToEndAsync(timeout.Token)}");
        Assert.Equal("tn-shortlived", (string?)JsonNode.Parse(output)!["profile"]);
    }

    [Fact]
    public async Task Cli_reports_a_rate_limit_with_its_retry_after()
    {
        // Separate accounts: one account's second order would reuse its still-valid authorization and send nothing.
        string number = NewNumber();
        for (int i = 0; i < ServerFixture.DeliveriesPerNumber; i++)
        {
            await RegisterCliAsync(OtherClientDir(i));
            await TnAcmeProcess.Default.RunJsonAsync(0, "order", "--tn", number, "--challenge", "tn-callback-01", "--code-command", CodeCommand(number),
                "--client-dir", OtherClientDir(i));
        }

        await RegisterCliAsync();
        JsonObject refused = await TnAcmeProcess.Default.RunJsonAsync(6, "order", "--tn", number, "--challenge", "tn-callback-01",
            "--code-command", CodeCommand(number), "--client-dir", ClientDir);
        Assert.Equal("urn:ietf:params:acme:error:rateLimited", (string?)refused["problem"]!["type"]);
        Assert.Equal("tn-callback-01/number", (string?)refused["problem"]!["limit"]);
        Assert.InRange((int)refused["problem"]!["retryAfter"]!, 3500, 3601);
    }

    [Fact]
    public async Task Cli_refuses_callback_for_anything_but_one_number()
    {
        await RegisterCliAsync();
        JsonObject refused = await TnAcmeProcess.Default.RunJsonAsync(2, "order", "--range", "12025550000+100", "--challenge", "tn-callback-01", "--client-dir", ClientDir);
        Assert.Contains("exactly one number", (string?)refused["error"], StringComparison.Ordinal);
        JsonObject notCa = await TnAcmeProcess.Default.RunJsonAsync(2, "order", "--tn", NewNumber(), "--ca", "--challenge", "tn-callback-01", "--client-dir", ClientDir);
        Assert.Contains("never grants a delegate CA", (string?)notCa["error"], StringComparison.Ordinal);
        JsonObject withToken = await TnAcmeProcess.Default.RunJsonAsync(2, "order", "--tn", NewNumber(), "--challenge", "tn-callback-01", "--token-file", "x.jwt", "--client-dir", ClientDir);
        Assert.Contains("drop the token options", (string?)withToken["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Library_issues_with_a_code_source_and_reports_a_wrong_code()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, key) = await _server.RegisterAsync(client);
        using (key)
        {
            string number = NewNumber();
            var request = new CertificateOrderRequest { TnAuthList = TnAuthList.Create(TnEntry.OfNumber(number)) };
            IssuedCertificate issued = await account.IssueAsync(request, new CallbackProof("sms", new ReceiverCodes(_server.Receiver)));
            using X509Certificate2 leaf = X509Certificate2.CreateFromPem(issued.ChainPem);
            Assert.NotNull(leaf.Extensions[StirOids.EnhancedJwtClaimConstraints]);
            Assert.Equal("tn-shortlived", issued.Order.Profile);

            string other = NewNumber();
            var wrong = new CertificateOrderRequest { TnAuthList = TnAuthList.Create(TnEntry.OfNumber(other)) };
            AcmeClientException e = await Assert.ThrowsAsync<AcmeClientException>(() => account.IssueAsync(wrong, new CallbackProof("sms", new FixedCode("99999999"))));
            Assert.True(e.Is(AcmeErrorType.IncorrectResponse), e.Message);
        }
    }

    private static async Task ReadUntilAsync(StreamReader reader, System.Text.StringBuilder seen, string marker, CancellationToken ct)
    {
        var buffer = new char[1];
        int start = seen.Length;
        while (await reader.ReadAsync(buffer.AsMemory(), ct) == 1)
        {
            seen.Append(buffer[0]);
            if (seen.ToString(start, seen.Length - start).Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException("tnacme order ended before asking for the code:\n" + seen);
    }

    private sealed class ReceiverCodes(WebhookReceiverProcess receiver) : ICallbackCodeSource
    {
        public string Description => "the test receiver";

        public bool CanRetry => false;

        public Task<string> GetCodeAsync(CallbackCodeRequest request, CancellationToken cancellationToken) => receiver.LastCodeAsync(request.Number);
    }

    private sealed class FixedCode(string code) : ICallbackCodeSource
    {
        public string Description => "a fixed code";

        public bool CanRetry => false;

        public Task<string> GetCodeAsync(CallbackCodeRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(code);
    }

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
}
