using System.CommandLine;
using TnAcme.Cli.Client;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Issuance;
using TnAcme.Client.State;
using TnAcme.Stir;

namespace TnAcme.Cli.Commands;

internal static class OrderCommand
{
    /// <summary>TnAcme's RFC 9060 profile, chosen for --ca when the directory offers it and no --profile is given.</summary>
    private const string DelegateCaProfile = "delegate-ca";

    public static Command Create()
    {
        var profile = new Option<string?>("--profile") { HelpName = "NAME", Description = "Certificate profile the CA offers (its directory's meta.profiles), e.g. shaken-sp, tn-shortlived, delegate-ca; default: the CA's choice for the numbers" };
        var ca = new Option<bool>("--ca") { Description = "Order an RFC 9060 delegate CA certificate (CSR with basicConstraints cA); the token must grant \"ca\": true. Implies --profile delegate-ca when the CA offers it" };
        var notBefore = new Option<DateTimeOffset?>("--not-before") { HelpName = "TIME", Description = "Requested start of validity (ISO 8601)" };
        var notAfter = new Option<DateTimeOffset?>("--not-after") { HelpName = "TIME", Description = "Requested end of validity (ISO 8601); the CA caps it at the token's expiry" };
        var organization = new Option<string?>("--organization") { HelpName = "O", Description = "Subject O for the certificate (SHAKEN certificates require one), e.g. \"Example Carrier\"" };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "Name of the certificate lineage (default: from the numbers, e.g. spc-1234); renew and revoke find it by this name" };
        var output = new Option<DirectoryInfo?>("--out") { HelpName = "DIR", Description = "Folder for key.pem (0600), chain.pem and certificate.json (default: <client-dir>/certificates/<name>)" };
        var command = new Command("order", "Order a STIR certificate: TNAuthList order, tkauth-01 with an Authority Token, a fresh P-256 key, the chain")
        {
            ClientCliOptions.ClientDir, profile, ca, notBefore, notAfter, organization, name, output,
        };
        foreach (Option option in TnAuthListOptions.All.Concat(TokenSourceOptions.All))
        {
            command.Options.Add(option);
        }

        ClientVerb.SetAction(command, async (result, json, ct) =>
        {
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
