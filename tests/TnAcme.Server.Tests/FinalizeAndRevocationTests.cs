using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests;

/// <summary>Part of the integration suite every storage backend runs (<see cref="StorageBackends"/>).</summary>
public abstract class FinalizeAndRevocationTests
{
    private readonly ServerFixture _fixture;

    protected FinalizeAndRevocationTests(ServerFixture fixture) => _fixture = fixture;

    private async Task<(AcmeFlow Flow, JsonObject Order, TnAuthList List)> ReadyAsync(string spc)
    {
        var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        TnAuthList list = AcmeFlow.Spc(spc);
        var (_, order) = await flow.NewOrderAsync(list);
        var (url, _) = await flow.TkAuthChallengeAsync(order);
        await flow.RespondAsync(url, _fixture.TokenAuthority.Mint(list, flow.Thumbprint));
        return (flow, order, list);
    }

    [Fact]
    public async Task Csr_mismatches_are_badCSR_and_the_order_stays_ready()
    {
        var (flow, order, list) = await ReadyAsync("1500");
        using (flow)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var cases = new (byte[] Csr, string Expect)[]
            {
                (AcmeFlow.Csr(AcmeFlow.Spc("1501"), key), "differs from the order"),
                (AcmeFlow.Csr(null, key), "no TNAuthList"),
                (AcmeFlow.Csr(list, p384), "P-256"),
                (AcmeFlow.Csr(list, key, ca: true), "CA certificate"),
            };
            foreach (var (csr, expect) in cases)
            {
                AcmeReply reply = await flow.FinalizeAsync(order, csr);
                Assert.True(reply.ProblemType == "urn:ietf:params:acme:error:badCSR", reply.ToString());
                Assert.Contains(expect, (string?)reply.Json["detail"], StringComparison.Ordinal);
            }

            byte[] tampered = AcmeFlow.Csr(list, key);
            tampered[^3] ^= 0x55;
            Assert.Equal("urn:ietf:params:acme:error:badCSR", (await flow.FinalizeAsync(order, tampered)).ProblemType);

            AcmeReply padded = await flow.Client.PostAsync((string)order["finalize"]!, new JsonObject { ["csr"] = Convert.ToBase64String(AcmeFlow.Csr(list, key)) + "==" });
            Assert.Equal("urn:ietf:params:acme:error:badCSR", padded.ProblemType);

            AcmeReply status = await flow.Client.PostAsync(((string)order["finalize"]!).Replace("/finalize", string.Empty, StringComparison.Ordinal), null);
            Assert.Equal("ready", (string?)status.Json["status"]);
            Assert.Equal("valid", (string?)(await flow.FinalizeAsync(order, AcmeFlow.Csr(list, key, subject: "CN=SHAKEN 1500, O=X, C=US"))).Json["status"]);
        }
    }

    [Fact]
    public async Task The_account_key_is_never_certified()
    {
        using var accountKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var flow = new AcmeFlow(_fixture);
        flow.Client.Key = JwsSigner.ForECDsa(accountKey);
        await flow.RegisterAsync();
        TnAuthList list = AcmeFlow.Spc("1550");
        var (_, order) = await flow.NewOrderAsync(list);
        var (url, _) = await flow.TkAuthChallengeAsync(order);
        await flow.RespondAsync(url, _fixture.TokenAuthority.Mint(list, flow.Thumbprint));
        AcmeReply reply = await flow.FinalizeAsync(order, AcmeFlow.Csr(list, accountKey));
        Assert.Equal("urn:ietf:params:acme:error:badCSR", reply.ProblemType);
        Assert.Contains("account key", (string?)reply.Json["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finalize_before_ready_is_orderNotReady()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        var (_, order) = await flow.NewOrderAsync(AcmeFlow.Spc("1600"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply reply = await flow.FinalizeAsync(order, AcmeFlow.Csr(AcmeFlow.Spc("1600"), key));
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("urn:ietf:params:acme:error:orderNotReady", reply.ProblemType);
    }

    [Fact]
    public async Task Revocation_by_account_and_by_certificate_key_then_the_crl_lists_it()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JsonObject order = await flow.IssueAsync(AcmeFlow.Spc("1700"), key);
        string pem = (await flow.Client.PostAsync((string)order["certificate"]!, null)).Body;
        using X509Certificate2 leaf = X509Certificate2.CreateFromPem(pem);
        var revoke = new JsonObject { ["certificate"] = Base64Url.Encode(leaf.RawData), ["reason"] = 1 };

        // Another account with no authorization for the numbers may not revoke.
        using var stranger = new AcmeFlow(_fixture);
        await stranger.RegisterAsync();
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", (await stranger.Client.PostAsync(stranger.Client.Url("revokeCert"), revoke)).ProblemType);

        Assert.Equal("urn:ietf:params:acme:error:badRevocationReason",
            (await flow.Client.PostAsync(flow.Client.Url("revokeCert"), new JsonObject { ["certificate"] = revoke["certificate"]!.DeepClone(), ["reason"] = 2 })).ProblemType);

        AcmeReply ok = await flow.Client.PostAsync(flow.Client.Url("revokeCert"), revoke);
        Assert.True(ok.Status == HttpStatusCode.OK, ok.ToString());
        AcmeReply again = await flow.Client.PostAsync(flow.Client.Url("revokeCert"), revoke);
        Assert.Equal("urn:ietf:params:acme:error:alreadyRevoked", again.ProblemType);

        // The certificate's own key may revoke another certificate of its own.
        JsonObject second = await flow.IssueAsync(AcmeFlow.Spc("1701"), key);
        using X509Certificate2 leaf2 = X509Certificate2.CreateFromPem((await flow.Client.PostAsync((string)second["certificate"]!, null)).Body);
        var certSigner = JwsSigner.ForECDsa(key);
        AcmeReply byKey = await flow.Client.PostAsync(flow.Client.Url("revokeCert"), new JsonObject { ["certificate"] = Base64Url.Encode(leaf2.RawData) }, useJwk: true, signer: certSigner);
        Assert.True(byKey.Status == HttpStatusCode.OK, byKey.ToString());

        using HttpResponseMessage crl = await flow.Client.GetAsync(flow.Client.Url("newNonce").Replace("/acme/new-nonce", "/crl/issuing-ca.crl", StringComparison.Ordinal));
        string crlPath = Path.Combine(_fixture.DataDirectory, "test.crl");
        await File.WriteAllBytesAsync(crlPath, await crl.Content.ReadAsByteArrayAsync());
        var run = await Run("openssl", "crl", "-inform", "DER", "-in", crlPath, "-noout", "-text", "-CAfile", Path.Combine(_fixture.DataDirectory, "ca", "issuing.crt.pem"));
        Assert.Contains("verify OK", run, StringComparison.Ordinal);
        Assert.Contains(leaf.SerialNumber, run, StringComparison.Ordinal);
        Assert.Contains(leaf2.SerialNumber, run, StringComparison.Ordinal);
        Assert.Contains("Key Compromise", run, StringComparison.Ordinal);

        // Revoked certificates are no longer served to PASSporT verifiers.
        using HttpResponseMessage x5u = await flow.Client.GetAsync((string)order["x5u"]!);
        Assert.Equal(HttpStatusCode.Gone, x5u.StatusCode);
    }

    private static async Task<string> Run(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(info)!;
        string output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output;
    }
}
