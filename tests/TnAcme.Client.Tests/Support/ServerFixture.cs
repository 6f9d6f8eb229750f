using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme;
using TnAcme.Acme.Jose;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Server;

namespace TnAcme.Client.Tests.Support;

/// <summary>
/// A real TnAcme server on HTTPS loopback, trusting a test token authority. A trimmed copy of
/// tests/TnAcme.Server.Tests/ServerFixture.cs (test projects cannot reference each other's helpers).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "tnacme-client-server-" + Guid.NewGuid().ToString("N"));

    public TestTokenAuthority TokenAuthority { get; } = new();

    public TnAcmeServer Server { get; private set; } = null!;

    /// <summary>The development root: it signs both the server's TLS certificate and the STIR chain.</summary>
    public X509Certificate2 Root { get; private set; } = null!;

    public string RootPemPath => Path.Combine(DataDirectory, "ca", "root.crt.pem");

    public string DirectoryUrl => Server.DirectoryUrl;

    /// <summary>The telephony provider tn-callback-01 delivers codes to: its own process (callback_receiver.py).</summary>
    public WebhookReceiverProcess Receiver { get; private set; } = null!;

    public const int DeliveriesPerNumber = 2;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        string secretVariable = "TNACME_TEST_WEBHOOK_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        string secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Environment.SetEnvironmentVariable(secretVariable, secret);
        Receiver = await WebhookReceiverProcess.StartAsync(secretVariable, secret);
        string anchor = Path.Combine(DataDirectory, "ta-root.pem");
        await File.WriteAllTextAsync(anchor, TokenAuthority.RootPem);
        var options = new ServerOptions
        {
            DataDirectory = DataDirectory,
            ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "ca-config"),
            Listen = $"https://127.0.0.1:{FreePort()}",
            TrustedTokenAuthorities = [anchor],
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
                        SecretEnvironmentVariable = secretVariable,
                        Timeout = TimeSpan.FromSeconds(1),
                        MaxAttempts = 2,
                        InitialBackoff = TimeSpan.FromMilliseconds(50),
                        AllowHttpLoopback = true,
                    },
                },
            },
        };
        Server = await TnAcmeServer.StartAsync(options, CertificateAuthorityHierarchy.Default);
        Root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(RootPemPath));
    }

    public Task<ExternalAccountKey> NewEabKeyAsync(string name = "Carrier X") => ExternalAccountKeys.CreateAsync(DataDirectory, name);

    public AcmeClientOptions Options(IProgress<string>? progress = null) =>
        new() { DirectoryUrl = new Uri(DirectoryUrl), ExtraTrustedRoots = [Root], Progress = progress };

    public Task<AcmeClient> ConnectAsync(IProgress<string>? progress = null) => AcmeClient.ConnectAsync(Options(progress));

    /// <summary>A new account bound with a fresh EAB key; the caller disposes the key.</summary>
    public async Task<(AcmeAccount Account, ECDsa Key)> RegisterAsync(AcmeClient client, params string[] contact)
    {
        ExternalAccountKey eab = await NewEabKeyAsync();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeAccount account = await client.RegisterAsync(JwsSigner.ForECDsa(key), new AccountRegistration
        {
            Contact = contact,
            TermsOfServiceAgreed = true,
            ExternalAccount = new ExternalAccountCredentials(eab.KeyId, eab.HmacKey),
        });
        return (account, key);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
        TokenAuthority.Dispose();
        Root.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
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
