using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests;

/// <summary>The steps of an issuance, for tests that want to break one of them.</summary>
public sealed class AcmeFlow : IDisposable
{
    public AcmeFlow(ServerFixture fixture)
    {
        Fixture = fixture;
        Client = fixture.NewClient();
    }

    public ServerFixture Fixture { get; }

    public AcmeTestClient Client { get; }

    public byte[] Thumbprint => Client.Key.PublicKey.Thumbprint();

    public static TnAuthList Spc(string code) => TnAuthList.Create(TnEntry.OfSpc(code));

    public static JsonObject Identifier(TnAuthList list) =>
        new() { ["type"] = "TNAuthList", ["value"] = TnAuthListIdentifier.Encode(list) };

    public async Task<AcmeReply> RegisterAsync()
    {
        await Client.LoadDirectoryAsync();
        var eab = await Fixture.NewEabKeyAsync();
        string binding = ExternalAccountBinding.Create(eab.KeyId, eab.HmacKey, Client.Url("newAccount"), Client.Key.PublicKey);
        AcmeReply reply = await Client.PostAsync(Client.Url("newAccount"), new JsonObject
        {
            ["termsOfServiceAgreed"] = true,
            ["contact"] = new JsonArray("mailto:pki@carrier.example"),
            ["externalAccountBinding"] = JsonNode.Parse(binding),
        }, useJwk: true);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        Client.AccountUrl = reply.Location;
        return reply;
    }

    public async Task<(string OrderUrl, JsonObject Order)> NewOrderAsync(TnAuthList list, string? profile = null)
    {
        var payload = new JsonObject { ["identifiers"] = new JsonArray(Identifier(list)) };
        if (profile is not null)
        {
            payload["profile"] = profile;
        }

        AcmeReply reply = await Client.PostAsync(Client.Url("newOrder"), payload);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        return (reply.Location!, reply.Json);
    }

    public async Task<(string ChallengeUrl, JsonObject Challenge)> TkAuthChallengeAsync(JsonObject order)
    {
        string authzUrl = (string)order["authorizations"]![0]!;
        AcmeReply authz = await Client.PostAsync(authzUrl, null);
        Assert.Equal(HttpStatusCode.OK, authz.Status);
        JsonObject challenge = authz.Json["challenges"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string)c["type"]! == "tkauth-01");
        return ((string)challenge["url"]!, challenge);
    }

    public Task<AcmeReply> RespondAsync(string challengeUrl, string token) =>
        Client.PostAsync(challengeUrl, new JsonObject { ["tkauth"] = token });

    public static byte[] Csr(TnAuthList? list, ECDsa key, bool ca = false, string subject = "CN=SHAKEN 1234, O=Example Carrier, C=US")
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (list is not null)
        {
            request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, list.ToDer(), false));
        }

        if (ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        }

        return request.CreateSigningRequest();
    }

    public Task<AcmeReply> FinalizeAsync(JsonObject order, byte[] csr) =>
        Client.PostAsync((string)order["finalize"]!, new JsonObject { ["csr"] = Base64Url.Encode(csr) });

    /// <summary>The whole flow; returns the valid order.</summary>
    public async Task<JsonObject> IssueAsync(TnAuthList list, ECDsa certificateKey, string? profile = null, bool ca = false)
    {
        var (_, order) = await NewOrderAsync(list, profile);
        var (challengeUrl, _) = await TkAuthChallengeAsync(order);
        AcmeReply validated = await RespondAsync(challengeUrl, Fixture.TokenAuthority.Mint(list, Thumbprint, ca: ca));
        Assert.True((string?)validated.Json["status"] == "valid", validated.ToString());
        AcmeReply finalized = await FinalizeAsync(order, Csr(list, certificateKey, ca));
        Assert.True(finalized.Status == HttpStatusCode.OK && (string?)finalized.Json["status"] == "valid", finalized.ToString());
        return finalized.Json;
    }

    public void Dispose() => Client.Dispose();
}
