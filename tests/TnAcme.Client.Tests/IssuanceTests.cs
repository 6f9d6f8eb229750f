using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme;
using TnAcme.Acme.Problems;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Issuance;
using TnAcme.Client.Resources;
using TnAcme.Client.Tests.Support;
using TnAcme.Stir;

namespace TnAcme.Client.Tests;

/// <summary>Whole issuances against a real server over HTTPS: tokens from a file and from a command, renewal, revocation.</summary>
[Collection(ServerCollection.Name)]
public sealed class IssuanceTests : IDisposable
{
    private readonly ServerFixture _server;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-client-tests-" + Guid.NewGuid().ToString("N"));

    public IssuanceTests(ServerFixture server)
    {
        _server = server;
        Directory.CreateDirectory(_dir);
    }

    private static CertificateOrderRequest Spc(string code) =>
        new() { TnAuthList = TnAuthList.Create(TnEntry.OfSpc(code)), Organization = "Example Carrier" };

    private string TokenFile(AcmeAccount account, TnAuthList list, bool ca = false)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jwt");
        File.WriteAllText(path, _server.TokenAuthority.Mint(list, account.Key.PublicKey.Thumbprint(), ca: ca) + "\n");
        return path;
    }

    [Fact]
    public async Task Spc_certificate_with_a_token_file_then_renewal_and_revocation()
    {
        var progress = new RecordingProgress();
        using AcmeClient client = await _server.ConnectAsync(progress);
        var (account, accountKey) = await _server.RegisterAsync(client);
        using (accountKey)
        {
            CertificateOrderRequest request = Spc("2101");
            IssuedCertificate issued = await account.IssueAsync(request, new FileAuthorityTokenSource(TokenFile(account, request.TnAuthList)));

            Assert.Equal(AcmeStatus.Valid, issued.Order.Status);
            Assert.Equal("shaken-sp", issued.Order.Profile);
            Assert.StartsWith("https://127.0.0.1:", issued.Order.X5u, StringComparison.Ordinal);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(issued.ChainPem);
            Assert.Equal(2, chain.Count);
            using X509Certificate2 leaf = issued.LoadLeaf();
            Assert.Equal("CN=SHAKEN 2101, O=Example Carrier, C=US", leaf.Subject);
            Assert.Equal(request.TnAuthList.ToDer(), leaf.Extensions[StirOids.TnAuthList]!.RawData);
            Assert.Equal(issued.Serial, leaf.SerialNumber);
            using (var key = ECDsa.Create())
            {
                key.ImportFromPem(issued.PrivateKeyPem);
                Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
            }

            Assert.Contains(progress.Messages, m => m.Contains("tkauth-01", StringComparison.Ordinal));

            // Renewal: same numbers and profile, a new key; the account's valid authorization spares a token.
            var tokens = new MintingTokenSource(_server.TokenAuthority);
            IssuedCertificate renewed = await account.RenewAsync(leaf, issued.Order.Profile, tokens);
            Assert.NotEqual(issued.Serial, renewed.Serial);
            Assert.NotEqual(issued.PrivateKeyPem, renewed.PrivateKeyPem);
            Assert.Equal(request.IdentifierValue, renewed.Request.IdentifierValue);
            Assert.Equal("Example Carrier", renewed.Request.Organization);
            Assert.Equal("shaken-sp", renewed.Order.Profile);
            Assert.Empty(tokens.Requests);

            // Revocation by the account, with a reason; a second time is alreadyRevoked, typed.
            await account.RevokeAsync(leaf, RevocationReason.KeyCompromise);
            var again = await Assert.ThrowsAsync<AcmeClientException>(() => account.RevokeAsync(leaf, RevocationReason.KeyCompromise));
            Assert.True(again.Is(AcmeErrorType.AlreadyRevoked), again.Message);
            Assert.Equal("alreadyRevoked", again.ShortType);

            // Revocation by the certificate's own key, no account involved.
            using X509Certificate2 renewedLeaf = renewed.LoadLeaf();
            using var renewedKey = ECDsa.Create();
            renewedKey.ImportFromPem(renewed.PrivateKeyPem);
            await client.RevokeWithCertificateKeyAsync(renewedLeaf, Acme.Jose.JwsSigner.ForECDsa(renewedKey), RevocationReason.Superseded);
            var twice = await Assert.ThrowsAsync<AcmeClientException>(() => account.RevokeAsync(renewedLeaf, null));
            Assert.True(twice.Is(AcmeErrorType.AlreadyRevoked), twice.Message);

            // A reason the subscriber may not give is the server's badRevocationReason.
            IssuedCertificate third = await account.IssueAsync(request, tokens);
            using X509Certificate2 thirdLeaf = third.LoadLeaf();
            var badReason = await Assert.ThrowsAsync<AcmeClientException>(() => account.RevokeAsync(thirdLeaf, RevocationReason.CaCompromise));
            Assert.True(badReason.Is(AcmeErrorType.BadRevocationReason), badReason.Message);
        }
    }

    [Fact]
    public async Task Token_from_a_command_gets_the_claims_in_its_environment()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, accountKey) = await _server.RegisterAsync(client);
        using (accountKey)
        {
            CertificateOrderRequest request = Spc("2102");
            string token = TokenFile(account, request.TnAuthList);
            string seen = Path.Combine(_dir, "env.txt");
            var source = new CommandAuthorityTokenSource(
                $"printf '%s\\n%s\\n%s\\n%s\\n' \"$TNACME_TKTYPE\" \"$TNACME_TKVALUE\" \"$TNACME_FINGERPRINT\" \"$TNACME_CA\" > '{seen}'; cat '{token}'");
            IssuedCertificate issued = await account.IssueAsync(request, source);
            Assert.Equal(AcmeStatus.Valid, issued.Order.Status);
            Assert.Equal(
                new[] { "TNAuthList", request.IdentifierValue, account.Fingerprint, "false" },
                await File.ReadAllLinesAsync(seen));
        }
    }

    [Fact]
    public async Task A_token_that_cannot_answer_is_refused_before_it_spoils_the_order()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, accountKey) = await _server.RegisterAsync(client);
        using (accountKey)
        {
            CertificateOrderRequest request = Spc("2103");
            string otherAccounts = Path.Combine(_dir, "other.jwt");
            await File.WriteAllTextAsync(otherAccounts, _server.TokenAuthority.Mint(request.TnAuthList, RandomNumberGenerator.GetBytes(32)));
            var wrongAccount = await Assert.ThrowsAsync<AuthorityTokenException>(() => account.IssueAsync(request, new FileAuthorityTokenSource(otherAccounts)));
            Assert.Contains("another ACME account key", wrongAccount.Message, StringComparison.Ordinal);

            string otherNumbers = TokenFile(account, TnAuthList.Create(TnEntry.OfSpc("9999")));
            var wrongNumbers = await Assert.ThrowsAsync<AuthorityTokenException>(() => account.IssueAsync(request, new FileAuthorityTokenSource(otherNumbers)));
            Assert.Contains("spc:9999", wrongNumbers.Message, StringComparison.Ordinal);

            var failing = await Assert.ThrowsAsync<AuthorityTokenException>(() => account.IssueAsync(request, new CommandAuthorityTokenSource("echo 'portal down' >&2; exit 3")));
            Assert.Contains("portal down", failing.Message, StringComparison.Ordinal);

            // None of these reached the CA: the order is still pending and a good token completes it.
            AcmeOrder order = await account.NewOrderAsync(request);
            Assert.Equal(AcmeStatus.Pending, order.Resource.Status);
            Assert.Equal(AcmeStatus.Pending, (await account.GetAuthorizationAsync(order.Resource.Authorizations[0])).Status);
            Assert.Equal(AcmeStatus.Valid, (await account.IssueAsync(request, new FileAuthorityTokenSource(TokenFile(account, request.TnAuthList)))).Order.Status);
        }
    }

    [Fact]
    public async Task A_token_the_CA_rejects_surfaces_the_challenge_error()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, accountKey) = await _server.RegisterAsync(client);
        using (accountKey)
        {
            CertificateOrderRequest request = Spc("2104");
            using var untrusted = new TestTokenAuthority("Untrusted TA");
            string path = Path.Combine(_dir, "untrusted.jwt");
            await File.WriteAllTextAsync(path, untrusted.Mint(request.TnAuthList, account.Key.PublicKey.Thumbprint()));
            var refused = await Assert.ThrowsAsync<AcmeClientException>(() => account.IssueAsync(request, new FileAuthorityTokenSource(path)));
            Assert.True(refused.Is(AcmeErrorType.Unauthorized), refused.Message);
        }
    }

    [Fact]
    public async Task Numbers_with_a_validity_and_a_delegate_ca_for_a_range()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, accountKey) = await _server.RegisterAsync(client);
        using (accountKey)
        {
            var tokens = new MintingTokenSource(_server.TokenAuthority);
            DateTimeOffset notAfter = DateTimeOffset.UtcNow.AddHours(2);
            IssuedCertificate numbers = await account.IssueAsync(
                new CertificateOrderRequest { TnAuthList = TnAuthList.Create(TnEntry.OfNumber("12025550100"), TnEntry.OfNumber("12025550101")), NotAfter = notAfter },
                tokens);
            Assert.Equal("tn-shortlived", numbers.Order.Profile);
            Assert.True(numbers.NotAfter <= notAfter.AddSeconds(1), $"{numbers.NotAfter:u} > {notAfter:u}");

            IssuedCertificate delegateCa = await account.IssueAsync(
                new CertificateOrderRequest { TnAuthList = TnAuthList.Create(TnEntry.OfRange("12125552000", 100)), Profile = "delegate-ca", Ca = true, Organization = "Example Enterprise" },
                tokens);
            using X509Certificate2 leaf = delegateCa.LoadLeaf();
            Assert.True(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.True(tokens.Requests[^1].Ca);
            Assert.True(CertificateOrderRequest.RenewalOf(leaf, "delegate-ca").Ca);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
