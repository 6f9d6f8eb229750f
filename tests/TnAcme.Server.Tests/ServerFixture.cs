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

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Database = await CreateDatabaseAsync();
        string anchor = Path.Combine(DataDirectory, "ta-root.pem");
        await File.WriteAllTextAsync(anchor, TokenAuthority.RootPem);
        var options = new ServerOptions
        {
            DataDirectory = DataDirectory,
            ConfigDirectory = Path.Combine(AppContext.BaseDirectory, "ca-config"),
            Listen = $"https://127.0.0.1:{Port}",
            TrustedTokenAuthorities = [anchor],
            Database = Database,
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

    public Task<ExternalAccountKey> NewEabKeyAsync(string name = "Carrier X") => ExternalAccountKeys.CreateAsync(Database, DataDirectory, name);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await DropDatabaseAsync();
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
