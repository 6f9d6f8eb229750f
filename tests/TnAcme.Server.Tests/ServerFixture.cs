using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Server.Tests;

/// <summary>
/// A real TnAcme server on HTTPS loopback with SQLite in a temporary folder (or another backend, in a subclass),
/// trusting a test token authority and, as `tnacme serve` does by default, running the embedded one.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tnacme-server-" + Guid.NewGuid().ToString("N"));

    public TestTokenAuthority TokenAuthority { get; } = new();

    public TnAcmeServer Server { get; private set; } = null!;

    /// <summary>The embedded token authority under /sti-pa (EmbeddedTokenAuthority).</summary>
    public TnAcme.TokenAuthority.TokenAuthority EmbeddedAuthority { get; private set; } = null!;

    public X509Certificate2 Root { get; private set; } = null!;

    public int Port { get; } = FreePort();

    /// <summary>The storage backend; SQLite in the data folder unless a subclass says otherwise.</summary>
    public TnAcme.Storage.DatabaseOptions Database { get; private set; } = new();

    /// <summary>Prepares the backend's database for this fixture.</summary>
    protected virtual Task<TnAcme.Storage.DatabaseOptions> CreateDatabaseAsync() => Task.FromResult(new TnAcme.Storage.DatabaseOptions());

    /// <summary>Removes what <see cref="CreateDatabaseAsync"/> made, after the server stopped.</summary>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>The telephony provider tn-callback-01 delivers codes to: its own process (callback_receiver.py).</summary>
    public WebhookReceiverProcess Receiver { get; private set; } = null!;

    /// <summary>The environment variable holding the webhook's HMAC secret (set in this process for the server).</summary>
    public string WebhookSecretVariable { get; } = "TNACME_TEST_WEBHOOK_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>Deliveries per number per hour: low, so a test can reach it.</summary>
    public const int DeliveriesPerNumber = 2;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Database = await CreateDatabaseAsync();
        string secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Environment.SetEnvironmentVariable(WebhookSecretVariable, secret);
        Receiver = await WebhookReceiverProcess.StartAsync(WebhookSecretVariable, secret);
        string anchor = Path.Combine(DataDirectory, "ta-root.pem");
        await File.WriteAllTextAsync(anchor, TokenAuthority.RootPem);
        var options = new ServerOptions
        {
            DataDirectory = DataDirectory,
            ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "ca-config"),
            Listen = $"https://127.0.0.1:{Port}",
            TrustedTokenAuthorities = [anchor],
            Database = Database,
            Challenges = new ChallengeOptions
            {
                TnCallback = new TnAcme.Validation.Callback.TnCallbackOptions
                {
                    Enabled = true,
                    Delivery = "webhook",
                    ResendInterval = TimeSpan.Zero,
                    MaxDeliveriesPerNumber = DeliveriesPerNumber,
                    MaxDeliveriesPerAccount = 50,
                    Webhook = new TnAcme.Validation.Callback.WebhookOptions
                    {
                        Url = Receiver.DeliveriesUrl,
                        SecretEnvironmentVariable = WebhookSecretVariable,
                        Timeout = TimeSpan.FromSeconds(1),
                        MaxAttempts = 2,
                        InitialBackoff = TimeSpan.FromMilliseconds(50),
                        AllowHttpLoopback = true,
                    },
                },
            },
        };
        (EmbeddedAuthority, options) = await EmbeddedTokenAuthority.OpenAsync(options, CertificateAuthorityHierarchy.Default);
        Server = await TnAcmeServer.StartAsync(
            options,
            CertificateAuthorityHierarchy.Default,
            extraTokenAuthorityAnchors: [EmbeddedAuthority.RootCertificate],
            mapEndpoints: app => EmbeddedTokenAuthority.Map(app, EmbeddedAuthority));
        Root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "ca", "root.crt.pem")));
    }

    public AcmeTestClient NewClient() => new(Server.DirectoryUrl, Root);

    public Task<ExternalAccountKey> NewEabKeyAsync(string name = "Carrier X") => ExternalAccountKeys.CreateAsync(DataDirectory, name, Database);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await DropDatabaseAsync();
        await Receiver.DisposeAsync();
        TokenAuthority.Dispose();
        EmbeddedAuthority.Dispose();
        Root.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
