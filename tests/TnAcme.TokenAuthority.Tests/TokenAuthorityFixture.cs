using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Grants;
using TnAcme.TokenAuthority.Http;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>A real token authority on HTTPS loopback with its state in a temporary folder.</summary>
public sealed class TokenAuthorityFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "tnacme-ta-" + Guid.NewGuid().ToString("N"));

    public TestTls Tls { get; } = new();

    public int Port { get; } = FreePort();

    public Uri BaseUri => new($"https://127.0.0.1:{Port}");

    public TokenAuthority Authority { get; private set; } = null!;

    public CapturingLogger Logs { get; } = new();

    public TokenAuthorityAdmin Admin { get; private set; } = null!;

    private TokenAuthorityHost _host = null!;

    public async Task InitializeAsync()
    {
        Authority = await TokenAuthority.OpenAsync(new TokenAuthorityOptions { Directory = Directory, BaseUri = BaseUri });
        Admin = new TokenAuthorityAdmin(Directory);
        _host = await TokenAuthorityHost.StartAsync(Authority, BaseUri, Tls.Server, logging: b =>
        {
            b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
            b.AddProvider(Logs);
        });
    }

    /// <summary>A new account holding <paramref name="grants"/>; returns its id and API key.</summary>
    public async Task<(string Id, string Key)> AccountAsync(bool mayDelegate = false, params TnEntry[] grants)
    {
        CreatedTaAccount created = await Admin.CreateAccountAsync("Carrier " + Guid.NewGuid().ToString("N")[..6], mayDelegate);
        if (grants.Length > 0)
        {
            await Admin.GrantAsync(created.Account.Id, grants);
        }

        return (created.Account.Id, created.ApiKey);
    }

    public HttpClient NewHttpClient()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(Tls.Root);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(cert);
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseUri };
    }

    public TokenAuthorityClient NewClient() => new(BaseUri, [Tls.Root]);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Authority.Dispose();
        Tls.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
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
public sealed class TokenAuthorityCollection : ICollectionFixture<TokenAuthorityFixture>
{
    public const string Name = "token authority";
}
