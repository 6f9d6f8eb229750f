using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;
using TnAcme.Stir;

namespace TnAcme.Server.Tests;

/// <summary>The issuance log over HTTPS: every issuance and revocation becomes a leaf, provable against a signed checkpoint; the audit API needs a key.</summary>
[Collection(ServerCollection.Name)]
public sealed class TransparencyLogTests : IDisposable
{
    private readonly ServerFixture _fixture;
    private readonly HttpClient _http;

    public TransparencyLogTests(ServerFixture fixture)
    {
        _fixture = fixture;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(fixture.Root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(cert);
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{fixture.Port}/") };
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Issuance_and_revocation_are_logged_searchable_and_provable()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var list = TnAuthList.Create(TnEntry.OfRange("12025550100", 100));
        JsonObject order = await flow.IssueAsync(list, key);
        string pem = (await flow.Client.PostAsync((string)order["certificate"]!, null)).Body;
        using X509Certificate2 leaf = X509Certificate2.CreateFromPem(pem);

        NoteKey logKey = NoteKey.ParseVerifierKey(await _http.GetStringAsync("log/key"));
        var (_, apiKey) = await _fixture.Server.Log.Keys.CreateAsync("regulator", default);

        // Within about a second the entry is in a signed checkpoint and findable by a number inside the range.
        JsonObject found = await EventuallyAsync(async () =>
        {
            JsonObject page = await AuditAsync(apiKey, "audit/v1/certificates?tn=12025550150");
            return page["items"]!.AsArray().Any(i => (string?)i!["entry"]!["serial"] == leaf.SerialNumber) ? page : null;
        });
        JsonObject item = found["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => (string?)i["entry"]!["serial"] == leaf.SerialNumber);
        Assert.Equal("valid", (string?)item["status"]);
        Assert.False(string.IsNullOrEmpty((string?)item["entry"]!["profile"]));
        Assert.Equal(["tkauth-01"], item["entry"]!["challenges"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(leaf.RawData)), (string?)item["entry"]!["certificateSha256"]);
        Assert.Equal(["range:12025550100+100"], item["entry"]!["tnEntries"]!.AsArray().Select(c => (string?)c));

        // The inclusion proof against the signed checkpoint, recomputed from the entry bytes.
        Checkpoint checkpoint = Checkpoint.OpenSigned((string)found["checkpoint"]!, logKey);
        long index = (long)item["leafIndex"]!;
        JsonObject proof = JsonNode.Parse(await _http.GetStringAsync($"log/proof/inclusion?index={index}&treeSize={checkpoint.TreeSize}"))!.AsObject();
        byte[] leafHash = MerkleHash.Leaf(Convert.FromBase64String((string)item["entryBytes"]!));
        Assert.True(ProofVerifier.VerifyInclusion(leafHash, index, checkpoint.TreeSize,
            proof["proof"]!.AsArray().Select(p => Convert.FromBase64String((string)p!)).ToList(), checkpoint.RootHash));

        // Outside the range: not found. A range overlapping it: found.
        Assert.DoesNotContain((await AuditAsync(apiKey, "audit/v1/certificates?tn=12025550200"))["items"]!.AsArray(), i => (string?)i!["entry"]!["serial"] == leaf.SerialNumber);
        Assert.Contains((await AuditAsync(apiKey, "audit/v1/certificates?range=12025550190-12025550300"))["items"]!.AsArray(), i => (string?)i!["entry"]!["serial"] == leaf.SerialNumber);

        // Revocation appends a leaf; the certificate's status follows.
        AcmeReply revoked = await flow.Client.PostAsync(flow.Client.Url("revokeCert"), new JsonObject { ["certificate"] = Base64Url.Encode(leaf.RawData), ["reason"] = 1 });
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        JsonObject after = await EventuallyAsync(async () =>
        {
            JsonObject page = await AuditAsync(apiKey, $"audit/v1/certificates?serial={leaf.SerialNumber}");
            return page["items"]!.AsArray().Single()!["revocationLeafIndex"] is not null ? page : null;
        });
        Assert.Equal("revoked", (string?)after["items"]![0]!["status"]);
        Assert.Single((await AuditAsync(apiKey, $"audit/v1/certificates?serial={leaf.SerialNumber}&status=revoked"))["items"]!.AsArray());
        Assert.Empty((await AuditAsync(apiKey, $"audit/v1/certificates?serial={leaf.SerialNumber}&status=valid"))["items"]!.AsArray());
        Assert.Empty((await AuditAsync(apiKey, $"audit/v1/certificates?serial={leaf.SerialNumber}&status=expired"))["items"]!.AsArray());
        string account = (string)item["entry"]!["account"]!;
        Assert.Contains((await AuditAsync(apiKey, $"audit/v1/certificates?account={account}&from={DateTimeOffset.UtcNow.AddMinutes(-5):O}".Replace("+", "%2B", StringComparison.Ordinal)))["items"]!.AsArray(),
            i => (string?)i!["entry"]!["serial"] == leaf.SerialNumber);
        Assert.Empty((await AuditAsync(apiKey, $"audit/v1/certificates?account={account}&from=2099-01-01T00:00:00Z"))["items"]!.AsArray());
        Assert.Empty((await AuditAsync(apiKey, $"audit/v1/certificates?account={account}&to=2000-01-01T00:00:00Z"))["items"]!.AsArray());
        long revocationIndex = (long)after["items"]![0]!["revocationLeafIndex"]!;
        JsonObject revocationEntry = await AuditAsync(apiKey, $"audit/v1/entries/{revocationIndex}");
        Assert.Equal("revoked", (string?)revocationEntry["kind"]);
        Assert.Equal(1, (int)revocationEntry["entry"]!["reason"]!);

        JsonObject entry = await AuditAsync(apiKey, $"audit/v1/entries/{index}");
        Assert.Equal(Convert.ToBase64String(leaf.RawData), (string?)entry["certificate"]);
        Assert.NotNull(entry["details"]!["tnAuthList"]);

        // Consistency between the two checkpoints.
        Checkpoint later = Checkpoint.OpenSigned(await _http.GetStringAsync("log/checkpoint"), logKey);
        JsonObject consistency = JsonNode.Parse(await _http.GetStringAsync($"log/proof/consistency?first={checkpoint.TreeSize}&second={later.TreeSize}"))!.AsObject();
        Assert.True(ProofVerifier.VerifyConsistency(checkpoint.TreeSize, later.TreeSize, checkpoint.RootHash, later.RootHash,
            consistency["proof"]!.AsArray().Select(p => Convert.FromBase64String((string)p!)).ToList()));
    }

    /// <summary>
    /// Acceptance: an implementation of RFC 9162 that shares no code with TnAcme (Interop/rfc9162_check.py, python3 with
    /// hashlib, and python3-cryptography for Ed25519) recomputes the root from the served entries, compares the served
    /// leaf hashes, regenerates and verifies every inclusion proof and consistency proofs from earlier sizes, and
    /// checks the checkpoint's signature and key ID.
    /// </summary>
    [Fact]
    public async Task An_independent_python_implementation_verifies_the_live_log()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (int i = 0; i < 3; i++)
        {
            await flow.IssueAsync(TnAuthList.Create(TnEntry.OfNumber("1303555" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))), key);
        }

        var (_, apiKey) = await _fixture.Server.Log.Keys.CreateAsync("python peer", default);
        string note = await EventuallyTextAsync(async () =>
        {
            string cp = await _http.GetStringAsync("log/checkpoint");
            return long.Parse(cp.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture) >= 3 ? cp : null;
        });
        long size = long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

        using var request = new HttpRequestMessage(HttpMethod.Get, "audit/v1/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using HttpResponseMessage export = await _http.SendAsync(request);
        var entries = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).Take((int)size).Select(l => (JsonNode?)(string)l["entryBytes"]!).ToList();
        Assert.Equal(size, entries.Count);
        JsonObject leafHashes = JsonNode.Parse(await _http.GetStringAsync($"log/leaf-hashes?start=0&end={size}"))!.AsObject();

        var inclusion = new JsonArray();
        for (long i = 0; i < size; i++)
        {
            inclusion.Add(JsonNode.Parse(await _http.GetStringAsync($"log/proof/inclusion?index={i}&treeSize={size}")));
        }

        var consistency = new JsonArray();
        for (long m = 0; m <= size; m++)
        {
            consistency.Add(JsonNode.Parse(await _http.GetStringAsync($"log/proof/consistency?first={m}&second={size}")));
        }

        var job = new JsonObject
        {
            ["entries"] = new JsonArray([.. entries]),
            ["leafHashes"] = leafHashes["hashes"]!.DeepClone(),
            ["checkpoint"] = note,
            ["verifierKey"] = (await _http.GetStringAsync("log/key")).Trim(),
            ["inclusion"] = inclusion,
            ["consistency"] = consistency,
        };
        var (exit, output) = await Python.RunAsync(Path.Combine(AppContext.BaseDirectory, "Interop", "rfc9162_check.py"), job.ToJsonString());
        Assert.True(exit == 0, output);
        Assert.Contains($"checked {size} leaves", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_api_needs_a_valid_key_refuses_bad_input_and_logs_every_access()
    {
        using (HttpResponseMessage none = await _http.GetAsync("audit/v1/certificates?spc=1234"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType!.MediaType);
        }

        using (var bad = new HttpRequestMessage(HttpMethod.Get, "audit/v1/export"))
        {
            bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "tnaudit_000000000000_nope");
            using HttpResponseMessage r = await _http.SendAsync(bad);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }

        var (id, apiKey) = await _fixture.Server.Log.Keys.CreateAsync("carrier compliance", default);
        foreach (string query in new[] { "tn=12ab", "range=1-99", "status=lost", "limit=0", "cursor=x", "color=red", "from=yesterday" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "audit/v1/certificates?" + query);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using HttpResponseMessage r = await _http.SendAsync(request);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, query);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        }

        Assert.True(await _fixture.Server.Log.Keys.RevokeAsync(id, default));
        using (var revoked = new HttpRequestMessage(HttpMethod.Get, "audit/v1/certificates"))
        {
            revoked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using HttpResponseMessage r = await _http.SendAsync(revoked);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }

        var access = await _fixture.Server.Log.Access.ListAsync(DateTimeOffset.UtcNow.AddMinutes(-5), 10_000, default);
        Assert.Contains(access, a => a.KeyId == id && a.Target.Contains("color=red", StringComparison.Ordinal) && a.Status == 400);
        Assert.Contains(access, a => a.KeyId is null && a.Status == 401);

        // Public: bad proof parameters are problem documents too.
        using HttpResponseMessage badProof = await _http.GetAsync("log/proof/inclusion?index=5&treeSize=999999999");
        Assert.Equal(HttpStatusCode.BadRequest, badProof.StatusCode);
        Assert.Equal("application/problem+json", badProof.Content.Headers.ContentType!.MediaType);
    }

    private async Task<JsonObject> AuditAsync(string apiKey, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<string> EventuallyTextAsync(Func<Task<string?>> probe)
    {
        for (int i = 0; i < 50; i++)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the log did not reach the size within 5 s");
    }

    private static async Task<JsonObject> EventuallyAsync(Func<Task<JsonObject?>> probe)
    {
        for (int i = 0; i < 50; i++)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the log did not cover the entry within 5 s");
    }
}

/// <summary>Runs a python3 script (/usr/bin/python3) with JSON on standard input.</summary>
internal static class Python
{
    public static async Task<(int Exit, string Output)> RunAsync(string script, string stdin)
    {
        var info = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        using var process = System.Diagnostics.Process.Start(info)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
