using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;

namespace TnAcme.Server.Tests;

/// <summary>Part of the integration suite every storage backend runs (<see cref="StorageBackends"/>).</summary>
public abstract class AccountManagementTests
{
    private readonly ServerFixture _fixture;

    protected AccountManagementTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Key_change_moves_the_account_to_the_new_key()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        JwsSigner oldKey = flow.Client.Key;
        var newKey = JwsSigner.ForECDsa(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        string inner = KeyChangeRequest.Create(newKey, flow.Client.AccountUrl!, oldKey.PublicKey, flow.Client.Url("keyChange"));
        AcmeReply changed = await flow.Client.PostAsync(flow.Client.Url("keyChange"), JsonNode.Parse(inner));
        Assert.True(changed.Status == HttpStatusCode.OK, changed.ToString());

        Assert.Equal("urn:ietf:params:acme:error:malformed", (await flow.Client.PostAsync(flow.Client.AccountUrl!, null)).ProblemType);
        flow.Client.Key = newKey;
        Assert.Equal(HttpStatusCode.OK, (await flow.Client.PostAsync(flow.Client.AccountUrl!, null)).Status);

        // A key held by another account is refused with 409.
        using var other = new AcmeFlow(_fixture);
        await other.RegisterAsync();
        string taken = KeyChangeRequest.Create(newKey, other.Client.AccountUrl!, other.Client.Key.PublicKey, other.Client.Url("keyChange"));
        AcmeReply conflict = await other.Client.PostAsync(other.Client.Url("keyChange"), JsonNode.Parse(taken));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(flow.Client.AccountUrl, conflict.Location);
    }

    [Fact]
    public async Task External_account_binding_misuse_is_refused()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.Client.LoadDirectoryAsync();
        string newAccount = flow.Client.Url("newAccount");

        AcmeReply missing = await flow.Client.PostAsync(newAccount, new JsonObject { ["termsOfServiceAgreed"] = true }, useJwk: true);
        Assert.Equal("urn:ietf:params:acme:error:externalAccountRequired", missing.ProblemType);

        var eab = await _fixture.NewEabKeyAsync();
        byte[] wrongMac = RandomNumberGenerator.GetBytes(32);
        AcmeReply badMac = await flow.Client.PostAsync(newAccount, Payload(ExternalAccountBinding.Create(eab.KeyId, wrongMac, newAccount, flow.Client.Key.PublicKey)), useJwk: true);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", badMac.ProblemType);

        var otherKey = JwsSigner.ForECDsa(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        AcmeReply keyMismatch = await flow.Client.PostAsync(newAccount, Payload(ExternalAccountBinding.Create(eab.KeyId, eab.HmacKey, newAccount, otherKey.PublicKey)), useJwk: true);
        Assert.True(keyMismatch.ProblemType is "urn:ietf:params:acme:error:unauthorized" or "urn:ietf:params:acme:error:malformed", keyMismatch.ToString());

        AcmeReply unknownKid = await flow.Client.PostAsync(newAccount, Payload(ExternalAccountBinding.Create("eab-nope", eab.HmacKey, newAccount, flow.Client.Key.PublicKey)), useJwk: true);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", unknownKid.ProblemType);

        AcmeReply ok = await flow.Client.PostAsync(newAccount, Payload(ExternalAccountBinding.Create(eab.KeyId, eab.HmacKey, newAccount, flow.Client.Key.PublicKey)), useJwk: true);
        Assert.Equal(HttpStatusCode.Created, ok.Status);

        // The same binding key cannot create a second account.
        using var second = new AcmeFlow(_fixture);
        await second.Client.LoadDirectoryAsync();
        AcmeReply reused = await second.Client.PostAsync(newAccount, Payload(ExternalAccountBinding.Create(eab.KeyId, eab.HmacKey, newAccount, second.Client.Key.PublicKey)), useJwk: true);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", reused.ProblemType);
        Assert.Contains("already been used", (string?)reused.Json["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_are_validated_and_unknown_accounts_not_invented()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.Client.LoadDirectoryAsync();
        AcmeReply onlyExisting = await flow.Client.PostAsync(flow.Client.Url("newAccount"), new JsonObject { ["onlyReturnExisting"] = true }, useJwk: true);
        Assert.Equal("urn:ietf:params:acme:error:accountDoesNotExist", onlyExisting.ProblemType);

        await flow.RegisterAsync();
        Assert.Equal("urn:ietf:params:acme:error:unsupportedContact",
            (await flow.Client.PostAsync(flow.Client.AccountUrl!, new JsonObject { ["contact"] = new JsonArray("tel:+12025550100") })).ProblemType);
        Assert.Equal("urn:ietf:params:acme:error:invalidContact",
            (await flow.Client.PostAsync(flow.Client.AccountUrl!, new JsonObject { ["contact"] = new JsonArray("mailto:a@b.example?subject=x") })).ProblemType);
    }

    [Fact]
    public async Task Non_tnauthlist_identifiers_are_refused_naming_them()
    {
        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        AcmeReply dns = await flow.Client.PostAsync(flow.Client.Url("newOrder"), new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "dns", ["value"] = "example.com" }),
        });
        Assert.Equal("urn:ietf:params:acme:error:rejectedIdentifier", dns.ProblemType);
        Assert.Equal("dns", (string?)dns.Json["subproblems"]![0]!["identifier"]!["type"]);

        AcmeReply padded = await flow.Client.PostAsync(flow.Client.Url("newOrder"), new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "TNAuthList", ["value"] = "MAigBhYEMTIzNA==" }),
        });
        Assert.Equal("urn:ietf:params:acme:error:malformed", padded.ProblemType);

        AcmeReply profile = await flow.Client.PostAsync(flow.Client.Url("newOrder"), new JsonObject
        {
            ["identifiers"] = new JsonArray(AcmeFlow.Identifier(AcmeFlow.Spc("1234"))),
            ["profile"] = "no-such-profile",
        });
        Assert.Equal("urn:ietf:params:acme:error:invalidProfile", profile.ProblemType);
    }

    private static JsonObject Payload(string binding) =>
        new() { ["termsOfServiceAgreed"] = true, ["externalAccountBinding"] = JsonNode.Parse(binding) };
}
