using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TnAcme.Acme.Jose;
using TnAcme.Server.Tests;
using TnAcme.Stir;

namespace TnAcme.AuditWeb.Tests;

/// <summary>
/// A real server with real certificates issued through ACME, an auditor key, and headless Debian Chromium. Shared by
/// the page tests: issuing and starting a browser are the slow parts on a 2-core machine.
/// </summary>
public sealed class AuditPageFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; Playwright never downloads a browser for these tests.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public ServerFixture Server { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ApiKey { get; private set; } = null!;

    public string PageUrl => $"https://127.0.0.1:{Server.Port}/audit/";

    /// <summary>A single number: 13035550123.</summary>
    public X509Certificate2 Number { get; private set; } = null!;

    /// <summary>The range 13035550100+100: covers 13035550123 and is the only certificate naming 13035550150.</summary>
    public X509Certificate2 Range { get; private set; } = null!;

    /// <summary>SPC 7311, revoked.</summary>
    public X509Certificate2 SpcRevoked { get; private set; } = null!;

    /// <summary>SPC 7311, still valid.</summary>
    public X509Certificate2 Spc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await Server.InitializeAsync();
        using var flow = new AcmeFlow(Server);
        await flow.RegisterAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Number = await IssueAsync(flow, TnAuthList.Create(TnEntry.OfNumber("13035550123")), key);
        Range = await IssueAsync(flow, TnAuthList.Create(TnEntry.OfRange("13035550100", 100)), key);
        SpcRevoked = await IssueAsync(flow, AcmeFlow.Spc("7311"), key);
        Spc = await IssueAsync(flow, AcmeFlow.Spc("7311"), key);
        AcmeReply revoked = await flow.Client.PostAsync(flow.Client.Url("revokeCert"), new JsonObject { ["certificate"] = Base64Url.Encode(SpcRevoked.RawData), ["reason"] = 4 });
        Assert.True(revoked.Status == System.Net.HttpStatusCode.OK, revoked.ToString());
        (_, ApiKey) = await Server.Server.Log.Keys.CreateAsync("browser auditor", default);

        // Four issuances and a revocation: five leaves, in a signed checkpoint within about a second.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Server.Server.Log.CheckpointSize < 5)
        {
            await Task.Delay(100, deadline.Token);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh tab in its own context (own session storage); the dev TLS root is not in Chromium's store.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1360, Height = 1000 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        Number?.Dispose();
        Range?.Dispose();
        Spc?.Dispose();
        SpcRevoked?.Dispose();
        await Server.DisposeAsync();
    }

    private static async Task<X509Certificate2> IssueAsync(AcmeFlow flow, TnAuthList list, ECDsa key)
    {
        JsonObject order = await flow.IssueAsync(list, key);
        string pem = (await flow.Client.PostAsync((string)order["certificate"]!, null)).Body;
        return X509Certificate2.CreateFromPem(pem);
    }
}
