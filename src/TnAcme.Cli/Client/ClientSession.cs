using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme.Jose;
using TnAcme.Client;
using TnAcme.Client.State;

namespace TnAcme.Cli.Client;

/// <summary>The registered account of the client folder, connected to its server: what every verb after register starts from.</summary>
internal sealed class ClientSession : IDisposable
{
    private readonly ECDsa _accountKey;

    private ClientSession(ClientFolder folder, AccountRecord record, ECDsa accountKey, IReadOnlyList<X509Certificate2> roots, AcmeClient client)
    {
        Folder = folder;
        Record = record;
        _accountKey = accountKey;
        TrustedRoots = roots;
        Client = client;
        Account = client.ForAccount(JwsSigner.ForECDsa(accountKey), record.AccountUrl);
    }

    public ClientFolder Folder { get; }

    public AccountRecord Record { get; }

    /// <summary>The extra roots the server's TLS is checked against (the saved --ca-bundle).</summary>
    public IReadOnlyList<X509Certificate2> TrustedRoots { get; }

    public AcmeClient Client { get; }

    public AcmeAccount Account { get; }

    public static async Task<ClientSession> OpenAsync(ParseResult result, CancellationToken ct)
    {
        ClientFolder folder = ClientCliOptions.Folder(result);
        AccountRecord record = await folder.LoadAccountAsync(ct)
            ?? throw ClientFailure.State($"no account in {folder.Root}: run 'tnacme account register --server DIRECTORY_URL --eab-kid KID --eab-hmac KEY' first (or give --client-dir)");
        ECDsa key = await folder.LoadAccountKeyAsync(ct)
            ?? throw ClientFailure.State($"{folder.AccountKeyPath} is missing: the account cannot be used without its key");
        IReadOnlyList<X509Certificate2> roots = [];
        try
        {
            roots = await folder.LoadCaBundleAsync(ct);
            AcmeClient client = await ConnectAsync(new Uri(record.Server), roots, ct);
            return new ClientSession(folder, record, key, roots, client);
        }
        catch
        {
            key.Dispose();
            foreach (X509Certificate2 root in roots)
            {
                root.Dispose();
            }

            throw;
        }
    }

    public static Task<AcmeClient> ConnectAsync(Uri directory, IReadOnlyList<X509Certificate2> roots, CancellationToken ct) =>
        AcmeClient.ConnectAsync(new AcmeClientOptions { DirectoryUrl = directory, ExtraTrustedRoots = roots, Progress = StderrProgress.Instance }, ct);

    public void Dispose()
    {
        Client.Dispose();
        _accountKey.Dispose();
        foreach (X509Certificate2 root in TrustedRoots)
        {
            root.Dispose();
        }
    }
}
