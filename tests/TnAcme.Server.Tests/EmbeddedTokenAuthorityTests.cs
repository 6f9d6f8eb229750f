using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Http;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Server.Tests;

/// <summary>
/// The whole development story in one server: a carrier gets a token from the embedded token authority over HTTPS
/// and uses it for tkauth-01, and the CA fetches the token's x5u from itself.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class EmbeddedTokenAuthorityTests
{
    private readonly ServerFixture _fixture;

    public EmbeddedTokenAuthorityTests(ServerFixture fixture) => _fixture = fixture;

    private string TaDirectory => Path.Combine(_fixture.DataDirectory, "ta");

    [Fact]
    public async Task A_token_from_the_embedded_authority_issues_a_certificate()
    {
        var created = await new TnAcme.TokenAuthority.TokenAuthorityAdmin(TaDirectory).CreateAccountAsync("Carrier X");
        await new TnAcme.TokenAuthority.TokenAuthorityAdmin(TaDirectory).GrantAsync(created.Account.Id, [TnEntry.OfSpc("281K")]);

        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        TnAuthList list = AcmeFlow.Spc("281K");
        var (_, order) = await flow.NewOrderAsync(list);
        var (challengeUrl, challenge) = await flow.TkAuthChallengeAsync(order);

        // The challenge names the embedded authority (RFC 9448 §4 hint); the client asks it for a token.
        string taUrl = (string)challenge["token-authority"]!;
        Assert.Equal($"https://127.0.0.1:{_fixture.Port}/sti-pa", taUrl);
        using var ta = new TokenAuthorityClient(new Uri(taUrl), [_fixture.Root]);
        TokenResponse token = await ta.RequestAsync(created.Account.Id, created.ApiKey, list, AtcFingerprint.Format(flow.Thumbprint));

        AcmeReply validated = await flow.RespondAsync(challengeUrl, token.Token);
        Assert.True((string?)validated.Json["status"] == "valid", validated.ToString());
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeReply finalized = await flow.FinalizeAsync(order, AcmeFlow.Csr(list, key));
        Assert.True(finalized.Status == HttpStatusCode.OK && (string?)finalized.Json["status"] == "valid", finalized.ToString());
    }

    [Fact]
    public async Task A_token_for_another_account_key_is_refused_by_the_ca()
    {
        var admin = new TnAcme.TokenAuthority.TokenAuthorityAdmin(TaDirectory);
        var created = await admin.CreateAccountAsync("Carrier Y");
        await admin.GrantAsync(created.Account.Id, [TnEntry.OfSpc("1234")]);

        using var flow = new AcmeFlow(_fixture);
        await flow.RegisterAsync();
        TnAuthList list = AcmeFlow.Spc("1234");
        var (_, order) = await flow.NewOrderAsync(list);
        var (challengeUrl, _) = await flow.TkAuthChallengeAsync(order);
        using var ta = new TokenAuthorityClient(new Uri(_fixture.EmbeddedAuthority.Urls.Base), [_fixture.Root]);
        TokenResponse token = await ta.RequestAsync(created.Account.Id, created.ApiKey, list, AtcFingerprint.Format(RandomNumberGenerator.GetBytes(32)));

        // The token authority does not check the fingerprint (RFC 9447 §3.3); the CA does, against the account key.
        AcmeReply answered = await flow.RespondAsync(challengeUrl, token.Token);
        Assert.True(answered.Status == HttpStatusCode.OK, answered.ToString());
        Assert.Equal("invalid", (string?)answered.Json["status"]);
        Assert.Contains("'Fingerprint'", (string)answered.Json["error"]!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_authority_publishes_its_signer_and_crl_on_the_server_origin()
    {
        using AcmeTestClient client = _fixture.NewClient();
        using HttpResponseMessage pem = await client.GetAsync(_fixture.EmbeddedAuthority.Urls.Certificate);
        Assert.Equal(HttpStatusCode.OK, pem.StatusCode);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(await pem.Content.ReadAsStringAsync());
        Assert.Equal(_fixture.EmbeddedAuthority.SignerCertificate.RawData, Assert.Single(chain).RawData);

        using HttpResponseMessage crl = await client.GetAsync(_fixture.EmbeddedAuthority.Urls.Crl);
        Assert.Equal(HttpStatusCode.OK, crl.StatusCode);
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
    }
}
