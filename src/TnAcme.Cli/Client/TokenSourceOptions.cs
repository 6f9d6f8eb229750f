using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.State;

namespace TnAcme.Cli.Client;

/// <summary>
/// Where the Authority Token comes from: <c>--token-file</c>, <c>--token-command</c>, or a token authority's API
/// (<c>--token-authority</c> with <c>--ta-account</c> and <c>--ta-key</c>). Shared by order and renew.
/// </summary>
internal static class TokenSourceOptions
{
    public const string TaKeyVariable = "TNACME_TA_KEY";

    public static readonly Option<FileInfo?> File = new("--token-file")
    {
        HelpName = "FILE",
        Description = "File holding the Authority Token (JWT) bound to this account's fingerprint; without --spc/--tn/--range the order takes the token's TNAuthList",
    };

    public static readonly Option<string?> Command = new("--token-command")
    {
        HelpName = "COMMAND",
        Description = "Shell command printing the Authority Token on stdout; it gets TNACME_TKVALUE (base64url DER TNAuthList), TNACME_FINGERPRINT (\"SHA256 AA:…\") and TNACME_CA (true/false)",
    };

    public static readonly Option<string?> TokenAuthority = new("--token-authority")
    {
        HelpName = "URL",
        Description = "Token authority base URL: the token is requested with POST {URL}/at/account/{ta-account}/token (RFC 9447 §5.1)",
    };

    public static readonly Option<string?> TaAccount = new("--ta-account") { HelpName = "ID", Description = "Your account id at the token authority" };

    public static readonly Option<string?> TaKey = new("--ta-key") { HelpName = "KEY", Description = $"API key at the token authority, sent as a Bearer token (default: ${TaKeyVariable}; never stored)" };

    public static readonly Option<FileInfo?> TaCaBundle = new("--ta-ca-bundle") { HelpName = "PEM", Description = "PEM root(s) to trust for the token authority's HTTPS (default: the server's --ca-bundle)" };

    public static IEnumerable<Option> All => [File, Command, TokenAuthority, TaAccount, TaKey, TaCaBundle];

    /// <summary>The source the command line names, or null if it names none; a usage error if it names several.</summary>
    public static TokenSourceRecord? Chosen(ParseResult result)
    {
        var chosen = new List<TokenSourceRecord>();
        if (result.GetValue(File) is { } file)
        {
            chosen.Add(new TokenSourceRecord { Kind = TokenSourceRecord.FileKind, File = file.FullName });
        }

        if (result.GetValue(Command) is { Length: > 0 } command)
        {
            chosen.Add(new TokenSourceRecord { Kind = TokenSourceRecord.CommandKind, Command = command });
        }

        if (result.GetValue(TokenAuthority) is { } ta)
        {
            string account = result.GetValue(TaAccount) ?? throw ClientFailure.Usage("--token-authority needs --ta-account (your account id there)");
            chosen.Add(new TokenSourceRecord { Kind = TokenSourceRecord.TokenAuthorityKind, TokenAuthority = ClientCliOptions.Url(ta, "--token-authority").ToString(), TokenAuthorityAccount = account });
        }
        else if (result.GetValue(TaAccount) is not null)
        {
            throw ClientFailure.Usage("--ta-account goes with --token-authority");
        }

        return chosen.Count switch
        {
            0 => null,
            1 => chosen[0],
            _ => throw ClientFailure.Usage("give one token source: --token-file, --token-command, or --token-authority"),
        };
    }

    /// <summary>The source for <paramref name="record"/>; a token authority's key comes from the command line or the environment.</summary>
    public static async Task<IAuthorityTokenSource> CreateAsync(TokenSourceRecord record, ParseResult result, IReadOnlyList<X509Certificate2> serverRoots, CancellationToken ct)
    {
        switch (record.Kind)
        {
            case TokenSourceRecord.FileKind:
                return new FileAuthorityTokenSource(record.File!);
            case TokenSourceRecord.CommandKind:
                return new CommandAuthorityTokenSource(record.Command!);
            case TokenSourceRecord.TokenAuthorityKind:
                string key = result.GetValue(TaKey) ?? Environment.GetEnvironmentVariable(TaKeyVariable)
                    ?? throw ClientFailure.Usage($"the token authority needs its API key: --ta-key KEY or ${TaKeyVariable}");
                IReadOnlyList<X509Certificate2> roots = result.GetValue(TaCaBundle) is { } bundle
                    ? await ClientFolder.LoadCertificatesAsync(bundle.FullName, ct)
                    : serverRoots;
                try
                {
                    return new TokenAuthorityApiSource(new TokenAuthorityApiOptions
                    {
                        BaseUrl = new Uri(record.TokenAuthority!),
                        AccountId = record.TokenAuthorityAccount!,
                        ApiKey = key,
                        ExtraTrustedRoots = roots,
                    });
                }
                catch (ArgumentException e)
                {
                    throw ClientFailure.Usage(e.Message);
                }

            default:
                throw ClientFailure.State($"unknown token source kind '{record.Kind}' in certificate.json");
        }
    }
}
