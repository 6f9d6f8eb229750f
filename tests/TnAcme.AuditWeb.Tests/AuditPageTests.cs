using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TnAcme.AuditWeb.Tests;

/// <summary>
/// The auditors' page in a real browser (headless Debian Chromium): searches by a number covered only through a range,
/// by SPC and by serial; a certificate's details; the RFC 9162 inclusion proof and the checkpoint signature checked by
/// the page's own JavaScript; refusals shown readably; a tampered entry caught in the browser.
/// </summary>
public sealed partial class AuditPageTests(AuditPageFixture fixture) : IClassFixture<AuditPageFixture>
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_auditor_searches_reads_details_and_the_browser_verifies_inclusion()
    {
        IPage page = await fixture.NewPageAsync();
        var problems = WatchConsole(page);
        var urls = new List<string>();
        page.Request += (_, r) => urls.Add(r.Url);
        await page.GotoAsync(fixture.PageUrl);
        await page.FillAsync("#api-key", fixture.ApiKey);
        await page.ClickAsync("#key-save");
        await Expect(page.Locator("#key-state")).ToHaveTextAsync("a key is set for this tab");

        // 13035550150 is named only by the range 13035550100+100.
        await SearchAsync(page, tn: "13035550150");
        ILocator rows = page.Locator("#results tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync(fixture.Range.SerialNumber);
        await Expect(rows.Nth(0).Locator("td").Nth(2)).ToHaveTextAsync("range:13035550100+100");
        await Expect(rows.Nth(0).Locator("td").Nth(3)).ToHaveTextAsync("tn-shortlived");
        await Expect(rows.Nth(0).Locator("td").Nth(4)).ToHaveTextAsync("valid");

        // 13035550123: named directly and through the range.
        await SearchAsync(page, tn: "+13035550123");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Locator("td:nth-child(2)")).ToHaveTextAsync([fixture.Number.SerialNumber, fixture.Range.SerialNumber]);

        // The SPC: one revoked, one valid, in leaf order.
        await SearchAsync(page, spc: "7311");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Locator("td:nth-child(2)")).ToHaveTextAsync([fixture.SpcRevoked.SerialNumber, fixture.Spc.SerialNumber]);
        await Expect(rows.Locator("td:nth-child(5)")).ToHaveTextAsync(["revoked", "valid"]);
        await Expect(rows.Locator("td:nth-child(4)")).ToHaveTextAsync(["shaken-sp", "shaken-sp"]);

        // By serial (lower case is fine), then the details and the in-browser checks.
        await SearchAsync(page, serial: fixture.Range.SerialNumber.ToLowerInvariant());
        await Expect(rows).ToHaveCountAsync(1);
        await rows.Nth(0).GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        await Expect(page.Locator("#inclusion")).ToHaveClassAsync(new Regex(@"\bok\b"), new() { Timeout = (float)CheckTimeout.TotalMilliseconds });
        string inclusion = await page.Locator("#inclusion").TextContentAsync() ?? "";
        Assert.Matches(InclusionVerified(), inclusion);
        Assert.Contains(fixture.Server.Server.Log.Integrator.LatestCheckpoint!.Split('\n')[2], inclusion);
        await Expect(page.Locator("#certificate-hash")).ToHaveClassAsync(new Regex(@"\bok\b"));
        // Chromium 137+ has WebCrypto Ed25519; Debian's is newer, so the signature is checked here, not just reported.
        await Expect(page.Locator("#signature")).ToHaveClassAsync(new Regex(@"\bok\b"), new() { Timeout = (float)CheckTimeout.TotalMilliseconds });
        await Expect(page.Locator("#signature")).ToContainTextAsync("Checkpoint signature verified");

        ILocator detail = page.Locator("#detail");
        await Expect(detail).ToContainTextAsync("range 13035550100 … 13035550199 (100 numbers)");
        await Expect(detail).ToContainTextAsync("tn-shortlived");
        await Expect(detail).ToContainTextAsync("tkauth-01");
        await Expect(detail).ToContainTextAsync("JWT claim constraints");
        await Expect(detail).ToContainTextAsync(fixture.Range.Issuer);

        string shot = await ScreenshotAsync(page, "audit-page.png");
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is suspiciously small");

        // The key went only into headers: never into a URL, and the page raised no CSP or script error.
        Assert.DoesNotContain(urls, u => u.Contains(fixture.ApiKey, StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Refusals_are_shown_as_readable_problems()
    {
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.PageUrl);

        // No key at all: 401 from the API, shown with its title and detail.
        await SearchAsync(page, tn: "13035550150");
        ILocator message = page.Locator("#message");
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToContainTextAsync("Search failed: 401 Authentication required");
        await Expect(message).ToContainTextAsync("Authorization: Bearer");
        await Expect(message).ToContainTextAsync("urn:tnacme:audit:unauthorized");

        // A wrong key: 403.
        await page.FillAsync("#api-key", "not-a-real-key");
        await SearchAsync(page, tn: "13035550150");
        await Expect(message).ToContainTextAsync("Search failed: 403 Forbidden");
        await Expect(message).ToContainTextAsync("not a valid auditor key");
        await Expect(page.Locator("#results-section")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "audit-page-forbidden.png");

        // A malformed filter: 400 naming the parameter.
        await page.FillAsync("#api-key", fixture.ApiKey);
        await SearchAsync(page, spc: "no spaces allowed");
        await Expect(message).ToContainTextAsync("Search failed: 400 Bad request");
        await Expect(message).ToContainTextAsync("'spc'");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tampered_entry_fails_the_inclusion_check_in_the_browser()
    {
        IPage page = await fixture.NewPageAsync();
        // A lying server: the entry's bytes differ by one bit from what the log committed to.
        await page.RouteAsync("**/audit/v1/entries/*", async route =>
        {
            IAPIResponse response = await route.FetchAsync();
            JsonObject body = JsonNode.Parse(await response.TextAsync())!.AsObject();
            byte[] bytes = Convert.FromBase64String((string)body["entryBytes"]!);
            int at = Array.IndexOf(bytes, (byte)'3');
            bytes[at] ^= 0x01;
            body["entryBytes"] = Convert.ToBase64String(bytes);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = body.ToJsonString() });
        });
        await page.GotoAsync(fixture.PageUrl);
        await page.FillAsync("#api-key", fixture.ApiKey);
        await SearchAsync(page, serial: fixture.Number.SerialNumber);
        await page.Locator("#results tbody tr").Nth(0).GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        ILocator inclusion = page.Locator("#inclusion");
        await Expect(inclusion).ToHaveClassAsync(new Regex(@"\bfailed\b"), new() { Timeout = (float)CheckTimeout.TotalMilliseconds });
        await Expect(inclusion).ToContainTextAsync("Inclusion FAILED");
        await ScreenshotAsync(page, "audit-page-tampered.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_log_without_a_checkpoint_yet_is_not_checkable_rather_than_failed()
    {
        IPage page = await fixture.NewPageAsync();
        // The first moments of a new log: the server answers 503 noCheckpoint until the integrator signs one.
        await page.RouteAsync("**/log/checkpoint", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = """{"type":"urn:tnacme:audit:noCheckpoint","title":"No checkpoint yet","status":503,"detail":"the log has not signed a checkpoint yet"}""",
        }));
        await page.GotoAsync(fixture.PageUrl);
        await page.FillAsync("#api-key", fixture.ApiKey);
        await SearchAsync(page, serial: fixture.Number.SerialNumber);
        await page.Locator("#results tbody tr").Nth(0).GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        ILocator inclusion = page.Locator("#inclusion");
        await Expect(inclusion).ToContainTextAsync("not yet checkable", new() { Timeout = (float)CheckTimeout.TotalMilliseconds });
        await Expect(inclusion).Not.ToHaveClassAsync(new Regex(@"\bfailed\b"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_page_is_served_with_a_strict_policy()
    {
        IPage page = await fixture.NewPageAsync();
        IResponse? response = await page.GotoAsync(fixture.PageUrl);
        Assert.NotNull(response);
        Dictionary<string, string> headers = await response.AllHeadersAsync().ContinueWith(t => t.Result.ToDictionary(h => h.Key, h => h.Value), TaskScheduler.Default);
        Assert.Equal(TnAcme.Server.Audit.AuditWebPage.ContentSecurityPolicy, headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.StartsWith("text/html", headers["content-type"], StringComparison.Ordinal);

        IAPIResponse script = await page.APIRequest.GetAsync(fixture.PageUrl + "app.js");
        Assert.StartsWith("text/javascript", script.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("nosniff", script.Headers["x-content-type-options"]);

        // API answers are never cached; the redirect from /audit keeps relative links working.
        IAPIResponse api = await page.APIRequest.GetAsync(fixture.PageUrl + "v1/certificates?tn=13035550150",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + fixture.ApiKey } });
        Assert.Equal(200, api.Status);
        Assert.Equal("no-store", api.Headers["cache-control"]);
        IResponse? redirected = await page.GotoAsync(fixture.PageUrl.TrimEnd('/'));
        Assert.EndsWith("/audit/", redirected!.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// ACME issuance sets no claim constraints, so their rendering is shown with constraints added to the decoded
    /// details in transit (the details are not what the proof covers; the entry bytes stay intact and still verify).
    /// The added strings carry markup: the page must show it as text.
    /// </summary>
    [Fact]
    public async Task Claim_constraints_are_rendered_and_server_strings_stay_text()
    {
        IPage page = await fixture.NewPageAsync();
        var problems = WatchConsole(page);
        const string Markup = "<img src=x onerror=\"document.title='owned'\">";
        await page.RouteAsync("**/audit/v1/entries/*", async route =>
        {
            IAPIResponse response = await route.FetchAsync();
            JsonObject body = JsonNode.Parse(await response.TextAsync())!.AsObject();
            JsonObject details = body["details"]!.AsObject();
            details["jwtClaimConstraints"] = new JsonObject
            {
                ["mustInclude"] = new JsonArray("orig", "dest"),
                ["permittedValues"] = new JsonObject { ["orig"] = new JsonArray("{\"tn\":\"13035550123\"}") },
            };
            details["enhancedJwtClaimConstraints"] = new JsonObject { ["mustExclude"] = new JsonArray("rcd") };
            details["lintFindings"] = new JsonArray(Markup);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = body.ToJsonString() });
        });
        await page.GotoAsync(fixture.PageUrl);
        await page.FillAsync("#api-key", fixture.ApiKey);
        await SearchAsync(page, serial: fixture.Number.SerialNumber);
        await page.Locator("#results tbody tr").Nth(0).GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        ILocator detail = page.Locator("#detail");
        await Expect(detail).ToContainTextAsync("must include: orig, dest");
        await Expect(detail).ToContainTextAsync("permitted orig: {\"tn\":\"13035550123\"}");
        await Expect(detail).ToContainTextAsync("must exclude: rcd");
        await Expect(detail).ToContainTextAsync(Markup);
        Assert.Equal(0, await detail.Locator("img").CountAsync());
        await Expect(page.Locator("#inclusion")).ToHaveClassAsync(new Regex(@"\bok\b"), new() { Timeout = (float)CheckTimeout.TotalMilliseconds });
        Assert.NotEqual("owned", await page.TitleAsync());
        await ScreenshotAsync(page, "audit-page-constraints.png");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    private static async Task SearchAsync(IPage page, string tn = "", string spc = "", string serial = "")
    {
        await page.FillAsync("#q-tn", tn);
        await page.FillAsync("#q-spc", spc);
        await page.FillAsync("#q-serial", serial);
        // Wait for this search's answer, so the next assertions never read the previous results.
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#search-button"), r => r.Url.Contains("/audit/v1/certificates", StringComparison.Ordinal));
    }

    /// <summary>Script errors and CSP violations reach the console; a correct page has none.</summary>
    private static List<string> WatchConsole(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                problems.Add(m.Text + " at " + m.Location);
            }
        };
        page.PageError += (_, e) => problems.Add(e);
        return problems;
    }

    /// <summary>Kept next to the test binaries and under artifacts/ at the repository root (gitignored) for CI to upload.</summary>
    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        string repositoryCopy = Path.Combine(RepositoryPaths.Root, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(repositoryCopy)!);
        File.Copy(path, repositoryCopy, overwrite: true);
        Assert.True(new FileInfo(path).Length > 0 && new FileInfo(repositoryCopy).Length > 0);
        return path;
    }

    [GeneratedRegex(@"^Inclusion verified against checkpoint of size \d+ \(root [A-Za-z0-9+/=]+\)$")]
    private static partial Regex InclusionVerified();
}
