using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Stir;
using TnAcme.Validation.Callback;

namespace TnAcme.Server.Tests;

/// <summary>A server of its own with the development outbox: the code sent before a restart is answered after it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CallbackRestartTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "tnacme-callback-restart-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort();

    private ServerOptions Options => new()
    {
        DataDirectory = _data,
        ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "ca-config"),
        Listen = $"https://127.0.0.1:{_port}",
        Challenges = new ChallengeOptions { TkAuth = new TkAuthOptions { Enabled = false }, TnCallback = new TnCallbackOptions { Enabled = true } },
    };

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_challenge_state_and_the_outbox_survive_a_restart()
    {
        string number = "12025550177";
        string challengeUrl, token;
        AcmeTestClient client;
        X509Certificate2 root;
        await using (TnAcmeServer first = await TnAcmeServer.StartAsync(Options, CertificateAuthorityHierarchy.Default))
        {
            root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_data, "ca", "root.crt.pem")));
            client = new AcmeTestClient(first.DirectoryUrl, root);
            await client.LoadDirectoryAsync();
            var eab = await ExternalAccountKeys.CreateAsync(_data, "Device owner");
            AcmeReply account = await client.PostAsync(client.Url("newAccount"), new JsonObject
            {
                ["termsOfServiceAgreed"] = true,
                ["externalAccountBinding"] = JsonNode.Parse(ExternalAccountBinding.Create(eab.KeyId, eab.HmacKey, client.Url("newAccount"), client.Key.PublicKey)),
            }, useJwk: true);
            client.AccountUrl = account.Location;
            AcmeReply order = await client.PostAsync(client.Url("newOrder"), new JsonObject
            {
                ["identifiers"] = new JsonArray(AcmeFlow.Identifier(TnAuthList.Create(TnEntry.OfNumber(number)))),
            });
            JsonObject authz = (await client.PostAsync((string)order.Json["authorizations"]![0]!, null)).Json;
            JsonObject challenge = Assert.Single(authz["challenges"]!.AsArray())!.AsObject();
            Assert.Equal("tn-callback-01", (string?)challenge["type"]);
            challengeUrl = (string)challenge["url"]!;
            token = (string)challenge["token"]!;
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(challengeUrl, new JsonObject { ["channel"] = "voice" })).Status);
        }

        string outbox = Path.Combine(_data, "callback-outbox.jsonl");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(outbox));
        OutboxEntry sent = Assert.Single(await OutboxDelivery.ReadAsync(outbox, CancellationToken.None));
        Assert.Equal(number, sent.Number);
        Assert.Equal("voice", sent.Channel);

        // The database holds the code only inside the challenge's server-side state.
        await using (TnAcmeServer second = await TnAcmeServer.StartAsync(Options, CertificateAuthorityHierarchy.Default))
        {
            using (root)
            using (client)
            {
                string response = KeyAuthorization.DigestBase64Url(KeyAuthorization.Compute(sent.Code + token, client.Key.PublicKey));
                AcmeReply answered = await client.PostAsync(challengeUrl, new JsonObject { ["response"] = response });
                Assert.True((string?)answered.Json["status"] == "valid", answered.ToString());
                Assert.DoesNotContain(sent.Code, answered.Body, StringComparison.Ordinal);
            }
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
