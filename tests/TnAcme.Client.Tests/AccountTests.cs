using System.Security.Cryptography;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Client.Resources;
using TnAcme.Client.Tests.Support;

namespace TnAcme.Client.Tests;

/// <summary>Account operations against a real server over HTTPS: register with EAB, find, contacts, key change, deactivation.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccountTests
{
    private readonly ServerFixture _server;

    public AccountTests(ServerFixture server) => _server = server;

    [Fact]
    public async Task Register_with_external_account_binding_then_find_and_update_contacts()
    {
        using AcmeClient client = await _server.ConnectAsync();
        Assert.True(client.Directory.Meta?.ExternalAccountRequired);
        Assert.Contains("shaken-sp", client.Directory.Meta!.Profiles!.Keys);

        var (account, key) = await _server.RegisterAsync(client, "mailto:pki@carrier.example");
        using (key)
        {
            Assert.True(account.Created);
            Assert.Equal(AcmeStatus.Valid, account.Resource!.Status);
            Assert.NotNull(account.Resource.ExternalAccountBinding);
            Assert.Equal(new[] { "mailto:pki@carrier.example" }, account.Resource.Contact);
            Assert.Matches("^SHA256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$", account.Fingerprint);

            AcmeAccount found = await client.FindAccountAsync(JwsSigner.ForECDsa(key));
            Assert.Equal(account.Url, found.Url);
            Assert.False(found.Created);

            AccountResource updated = await account.UpdateContactAsync(["mailto:noc@carrier.example"]);
            Assert.Equal(new[] { "mailto:noc@carrier.example" }, updated.Contact);
            Assert.Equal(new[] { "mailto:noc@carrier.example" }, (await client.ForAccount(JwsSigner.ForECDsa(key), account.Url).RefreshAsync()).Contact);
        }
    }

    [Fact]
    public async Task Unknown_keys_and_bad_bindings_surface_the_servers_problem()
    {
        using AcmeClient client = await _server.ConnectAsync();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var missing = await Assert.ThrowsAsync<AcmeClientException>(() => client.FindAccountAsync(JwsSigner.ForECDsa(stranger)));
        Assert.True(missing.Is(AcmeErrorType.AccountDoesNotExist), missing.Message);
        Assert.Equal(400, missing.Status);

        var eab = await _server.NewEabKeyAsync();
        var badMac = await Assert.ThrowsAsync<AcmeClientException>(() => client.RegisterAsync(JwsSigner.ForECDsa(stranger), new AccountRegistration
        {
            ExternalAccount = new ExternalAccountCredentials(eab.KeyId, RandomNumberGenerator.GetBytes(32)),
        }));
        Assert.Equal("unauthorized", badMac.ShortType);

        var noBinding = await Assert.ThrowsAsync<AcmeClientException>(() => client.RegisterAsync(JwsSigner.ForECDsa(stranger), new AccountRegistration()));
        Assert.True(noBinding.Is(AcmeErrorType.ExternalAccountRequired), noBinding.Message);

        var invalidContact = await Assert.ThrowsAsync<AcmeClientException>(() => client.RegisterAsync(JwsSigner.ForECDsa(stranger), new AccountRegistration
        {
            Contact = ["tel:+12025550100"],
            ExternalAccount = new ExternalAccountCredentials(eab.KeyId, eab.HmacKey),
        }));
        Assert.True(invalidContact.Is(AcmeErrorType.UnsupportedContact), invalidContact.Message);
    }

    [Fact]
    public async Task Key_change_moves_the_account_and_retires_the_old_key()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, oldKey) = await _server.RegisterAsync(client);
        using (oldKey)
        {
            using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string oldFingerprint = account.Fingerprint;
            await account.ChangeKeyAsync(JwsSigner.ForECDsa(newKey));
            Assert.NotEqual(oldFingerprint, account.Fingerprint);
            Assert.Equal(AcmeStatus.Valid, (await account.RefreshAsync()).Status);

            Assert.Equal(account.Url, (await client.FindAccountAsync(JwsSigner.ForECDsa(newKey))).Url);
            await Assert.ThrowsAsync<AcmeClientException>(() => client.ForAccount(JwsSigner.ForECDsa(oldKey), account.Url).RefreshAsync());

            // A key another account holds is refused with 409 and that account's URL.
            var (other, otherKey) = await _server.RegisterAsync(client);
            using (otherKey)
            {
                var conflict = await Assert.ThrowsAsync<AcmeClientException>(() => other.ChangeKeyAsync(JwsSigner.ForECDsa(newKey)));
                Assert.Equal(409, conflict.Status);
                Assert.Equal(account.Url, conflict.Problem.Location);
            }
        }
    }

    [Fact]
    public async Task Deactivation_is_final()
    {
        using AcmeClient client = await _server.ConnectAsync();
        var (account, key) = await _server.RegisterAsync(client);
        using (key)
        {
            Assert.Equal(AcmeStatus.Deactivated, (await account.DeactivateAsync()).Status);
            var refused = await Assert.ThrowsAsync<AcmeClientException>(() => account.RefreshAsync());
            Assert.True(refused.Is(AcmeErrorType.Unauthorized), refused.Message);
            Assert.Equal(401, refused.Status);
        }
    }

    [Fact]
    public async Task A_poisoned_nonce_pool_costs_one_badNonce_retry_and_the_request_succeeds()
    {
        var progress = new RecordingProgress();
        using AcmeClient client = await _server.ConnectAsync(progress);
        var (account, key) = await _server.RegisterAsync(client);
        using (key)
        {
            client.Transport.Nonces.Clear();
            client.Transport.Nonces.Add("bm90LWEtbm9uY2UtdGhpcy1zZXJ2ZXItZ2F2ZQ");
            AccountResource resource = await account.RefreshAsync();
            Assert.Equal(AcmeStatus.Valid, resource.Status);
            Assert.Contains(progress.Messages, m => m.Contains("badNonce", StringComparison.Ordinal));

            // The pool is fed by every response: the next request needs no newNonce round trip.
            Assert.True(client.Transport.Nonces.Count > 0);
        }
    }
}
