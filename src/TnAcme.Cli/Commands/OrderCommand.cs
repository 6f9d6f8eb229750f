using System.CommandLine;
using TnAcme.Cli.Client;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Callback;
using TnAcme.Client.Issuance;
using TnAcme.Client.State;
using TnAcme.Stir;

namespace TnAcme.Cli.Commands;

internal static class OrderCommand
{
    /// <summary>TnAcme's RFC 9060 profile, chosen for --ca when the directory offers it and no --profile is given.</summary>
    private const string DelegateCaProfile = "delegate-ca";

    private const string TkAuth = "tkauth-01";
    private const string TnCallback = "tn-callback-01";

    public static Command Create()
    {
        var profile = new Option<string?>("--profile") { HelpName = "NAME", Description = "Certificate profile the CA offers (its directory's meta.profiles), e.g. shaken-sp, tn-shortlived, delegate-ca; default: the CA's choice for the numbers" };
        var ca = new Option<bool>("--ca") { Description = "Order an RFC 9060 delegate CA certificate (CSR with basicConstraints cA); the token must grant \"ca\": true. Implies --profile delegate-ca when the CA offers it" };
        var notBefore = new Option<DateTimeOffset?>("--not-before") { HelpName = "TIME", Description = "Requested start of validity (ISO 8601)" };
        var notAfter = new Option<DateTimeOffset?>("--not-after") { HelpName = "TIME", Description = "Requested end of validity (ISO 8601); the CA caps it at the token's expiry" };
        var organization = new Option<string?>("--organization") { HelpName = "O", Description = "Subject O for the certificate (SHAKEN certificates require one), e.g. \"Example Carrier\"" };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "Name of the certificate lineage (default: from the numbers, e.g. spc-1234); renew and revoke find it by this name" };
        var output = new Option<DirectoryInfo?>("--out") { HelpName = "DIR", Description = "Folder for key.pem (0600), chain.pem and certificate.json (default: <client-dir>/certificates/<name>)" };
        var challenge = new Option<string>("--challenge")
        {
            HelpName = "TYPE",
            Description = "How control of the numbers is proven: tkauth-01 (an Authority Token, the default) or tn-callback-01 (a code the CA sends to the one --tn by SMS or voice)",
            DefaultValueFactory = _ => TkAuth,
        };
        challenge.AcceptOnlyFromAmong(TkAuth, TnCallback);
        var channel = new Option<string>("--channel") { HelpName = "sms|voice", Description = "tn-callback-01: how the CA sends the code (default sms)", DefaultValueFactory = _ => "sms" };
        channel.AcceptOnlyFromAmong("sms", "voice");
        var codeCommand = new Option<string?>("--code-command")
        {
            HelpName = "CMD",
            Description = "tn-callback-01: shell command printing the code received (env TNACME_TN, TNACME_CHANNEL); default: ask on the terminal",
        };
        var command = new Command("order", "Order a STIR certificate: TNAuthList order, proof (tkauth-01 with an Authority Token, or tn-callback-01 with a code sent to the number), a fresh P-256 key, the chain")
        {
            ClientCliOptions.ClientDir, profile, ca, notBefore, notAfter, organization, name, output, challenge, channel, codeCommand,
        };
        foreach (Option option in TnAuthListOptions.All.Concat(TokenSourceOptions.All))
        {
            command.Options.Add(option);
        }

        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
            if (result.GetValue(challenge) == TnCallback)
            {
                if (result.GetValue(ca))
                {
                    throw ClientFailure.Usage("tn-callback-01 proves one number for a device; it never grants a delegate CA certificate (--ca needs a token)");
                }

                var wanted = new CallbackOrder(result.GetValue(channel)!, result.GetValue(codeCommand), result.GetValue(name), result.GetValue(output),
                    result.GetValue(profile), result.GetValue(notBefore), result.GetValue(notAfter));
                return await OrderByCallbackAsync(result, json, wanted, ct);
            }

            TokenSourceRecord tokenRecord = TokenSourceOptions.Chosen(result)
                ?? throw ClientFailure.Usage("how is control of the numbers proven? give --token-file, --token-command, or --token-authority with --ta-account and --ta-key");
            TnAuthList list = TnAuthListOptions.Build(result)
                ?? await TnAuthListOfTokenFileAsync(tokenRecord, ct)
                ?? throw ClientFailure.Usage("name the numbers: --spc, --tn, --range (repeatable) or --tnauthlist");

            using ClientSession session = await ClientSession.OpenAsync(result, ct);
            bool wantsCa = result.GetValue(ca);
            IReadOnlyDictionary<string, string>? offered = session.Client.Directory.Meta?.Profiles;
            string? chosenProfile = result.GetValue(profile)
                ?? (wantsCa && offered?.ContainsKey(DelegateCaProfile) == true ? DelegateCaProfile : null);
            if (chosenProfile is not null && offered is not null && !offered.ContainsKey(chosenProfile))
            {
                throw ClientFailure.Usage($"the CA offers no profile '{chosenProfile}'; it offers: {string.Join(", ", offered.Keys)}");
            }

            string lineageName = result.GetValue(name) ?? CertificateLineage.DefaultName(list);
            CertificateLineage lineage = result.GetValue(output) is { } folder ? new CertificateLineage(folder.FullName) : session.Folder.Lineage(lineageName);
            if (lineage.Exists)
            {
                throw ClientFailure.State($"{lineage.Directory} already holds a certificate; renew it with 'tnacme renew --cert {lineage.ChainPath}', or choose another --name/--out");
            }

            var request = new CertificateOrderRequest
            {
                TnAuthList = list,
                Profile = chosenProfile,
                Ca = wantsCa,
                NotBefore = result.GetValue(notBefore),
                NotAfter = result.GetValue(notAfter),
                Organization = result.GetValue(organization),
            };
            IAuthorityTokenSource tokens = await TokenSourceOptions.CreateAsync(tokenRecord, result, session.TrustedRoots, ct);
            try
            {
                IssuedCertificate issued = await session.Account.IssueAsync(request, tokens, ct);
                CertificateRecord record = CertificateRecord.Of(lineageName, session.Record.Server, issued, tokenRecord, DateTimeOffset.UtcNow);
                await lineage.SaveAsync(issued, record, ct);
                CliOutput.Result(json, CertificateJson.Of(lineage, record), CertificateJson.Text("issued", lineage, record));
                return ExitCodes.Success;
            }
            finally
            {
                (tokens as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    /// <summary>
    /// tn-callback-01: one --tn, no token; the CA sends a code to the number and the person (or --code-command)
    /// gives it back. The certificate is tn-shortlived, with the claim constraints the CA sets for possession proofs.
    /// </summary>
    private static async Task<int> OrderByCallbackAsync(ParseResult result, bool json, CallbackOrder wanted, CancellationToken ct)
    {
        if (TokenSourceOptions.Chosen(result) is not null)
        {
            throw ClientFailure.Usage("--challenge tn-callback-01 proves the number with a code sent to it; drop the token options");
        }

        TnAuthList list = TnAuthListOptions.Build(result) ?? throw ClientFailure.Usage("name the number: --tn 12025550100");
        if (list.Entries is not [OneEntry])
        {
            throw ClientFailure.Usage("tn-callback-01 proves exactly one number: give one --tn (no --spc, --range or several numbers)");
        }

        using ClientSession session = await ClientSession.OpenAsync(result, ct);
        string lineageName = wanted.Name ?? CertificateLineage.DefaultName(list);
        CertificateLineage lineage = wanted.Out is { } folder ? new CertificateLineage(folder.FullName) : session.Folder.Lineage(lineageName);
        if (lineage.Exists)
        {
            throw ClientFailure.State($"{lineage.Directory} already holds a certificate; choose another --name/--out");
        }

        var request = new CertificateOrderRequest
        {
            TnAuthList = list,
            Profile = wanted.Profile,
            NotBefore = wanted.NotBefore,
            NotAfter = wanted.NotAfter,
        };
        ICallbackCodeSource codes = wanted.CodeCommand is null ? new ConsoleCallbackCodeSource() : new CommandCallbackCodeSource(wanted.CodeCommand);
        IssuedCertificate issued = await session.Account.IssueAsync(request, new CallbackProof(wanted.Channel, codes), ct);
        CertificateRecord record = CertificateRecord.Of(lineageName, session.Record.Server, issued, null, DateTimeOffset.UtcNow)
            with
        { Callback = new CallbackProofRecord { Channel = wanted.Channel, CodeCommand = wanted.CodeCommand } };
        await lineage.SaveAsync(issued, record, ct);
        CliOutput.Result(json, CertificateJson.Of(lineage, record), CertificateJson.Text("issued", lineage, record));
        return ExitCodes.Success;
    }

    /// <summary>A token file already says which numbers it covers; ordering exactly those spares retyping them.</summary>
    private static async Task<TnAuthList?> TnAuthListOfTokenFileAsync(TokenSourceRecord source, CancellationToken ct)
    {
        if (source.Kind != TokenSourceRecord.FileKind)
        {
            return null;
        }

        string token;
        try
        {
            token = await File.ReadAllTextAsync(source.File!, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuthorityTokenException($"cannot read the token file {source.File}: {e.Message}", e);
        }

        return AuthorityTokenClaims.Parse(token).TnAuthList
            ?? throw new AuthorityTokenException($"the token in {source.File} names no TNAuthList (atc.tkvalue); give --spc, --tn or --range");
    }
}

internal sealed record CallbackOrder(string Channel, string? CodeCommand, string? Name, DirectoryInfo? Out, string? Profile, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter);
