using System.Security.Cryptography;
using TnAcme.Acme;
using TnAcme.Acme.Jose;

namespace TnAcme.Client.Tests.Support;

/// <summary>
/// The server tests' fixture (a real TnAcme server on HTTPS loopback, compiled in from tests/TnAcme.Server.Tests)
/// with what the client tests add: client options trusting its root, and registered accounts.
/// </summary>
public sealed class ServerFixture : TnAcme.Server.Tests.ServerFixture
{
    /// <summary>The development root: it signs both the server's TLS certificate and the STIR chain.</summary>
    public string RootPemPath => Path.Combine(DataDirectory, "ca", "root.crt.pem");

    public string DirectoryUrl => Server.DirectoryUrl;

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
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "client against a server";
}
