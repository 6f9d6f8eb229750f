using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Issuance;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Issuance.Linting;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Cli.Commands;

internal static class CaIssueCommand
{
    public static Command Create()
    {
        var csr = new Option<FileInfo>("--csr") { Description = "PKCS#10 request (PEM or DER); its signature is checked", Required = true };
        var profile = new Option<string>("--profile") { Description = "Certificate profile: shaken-sp, tn-shortlived, delegate-ca, or one from ca-config/profiles", Required = true };
        var tnAuthList = new Option<string?>("--tnauthlist") { Description = "TNAuthList as an ACME identifier value (base64url DER); default: the CSR's extensionRequest. For delegate-ca it is also the granted scope" };
        var notAfter = new Option<DateTimeOffset?>("--not-after") { Description = "Expiry (ISO 8601); default: the profile's validity" };
        var organization = new Option<string?>("--organization") { Description = "Subscriber organization for the subject O (default: the CSR's O)" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the certificate chain (PEM, leaf first)", Required = true };
        var command = new Command("issue", "Issue a certificate offline from a CSR, through the same profile linter as ACME")
        {
            csr, profile, tnAuthList, notAfter, organization, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            CaDataFolder folder = CliOptions.Folder(result);
            Pkcs10Request request;
            TnAuthList? list;
            try
            {
                request = Pkcs10Request.Load(await File.ReadAllBytesAsync(result.GetValue(csr)!.FullName, cancellationToken));
                string? given = result.GetValue(tnAuthList);
                list = given is null ? request.TnAuthList : TnAuthListIdentifier.Decode(given);
            }
            catch (Exception e) when (e is CsrException or StirDecodeException or IOException)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, e.Message);
            }

            if (list is null)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, "the CSR carries no TNAuthList extension request; give --tnauthlist");
            }

            if (!request.HasP256Key)
            {
                return CliOutput.Error(json, ExitCodes.Refused, "the CSR's key is not EC P-256 (RFC 8226 §4, ATIS-1000080)");
            }

            string profileName = result.GetValue(profile)!;
            ProfileCatalog catalog = ProfileCatalog.LoadDirectory(Path.Combine(CliOptions.ConfigDirectory(result), "profiles"));
            if (!catalog.TryGet(profileName, out CertificateProfile? chosen))
            {
                return CliOutput.Error(json, ExitCodes.Usage, $"no profile '{profileName}' (have: {string.Join(", ", catalog.All.Select(p => p.Name))})");
            }

            if (chosen!.IsCa && result.GetValue(tnAuthList) is null)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "delegate CA issuance needs --tnauthlist: the scope the operator grants");
            }

            try
            {
                using IssuingAuthority authority = CaKeyStores.Hierarchy.Open(folder);
                var issuer = new CertificateIssuer(authority, catalog, new FileIssuanceJournal(folder.IssuedDirectory));
                IssuedCertificate issued = await issuer.IssueAsync(new IssuanceRequest
                {
                    ProfileName = profileName,
                    SubjectPublicKeyInfo = request.SubjectPublicKeyInfoDer,
                    TnAuthList = list,
                    Organization = result.GetValue(organization) ?? request.Organization,
                    NotAfter = result.GetValue(notAfter),
                    AuthorizedScope = chosen.IsCa ? list : null,
                }, cancellationToken);

                string chain = PemEncoding.WriteString("CERTIFICATE", issued.Der) + "\n" +
                               PemEncoding.WriteString("CERTIFICATE", authority.Certificate.RawData) + "\n";
                string outPath = result.GetValue(output)!.FullName;
                await File.WriteAllTextAsync(outPath, chain, cancellationToken);
                CliOutput.Result(json,
                    new JsonObject
                    {
                        ["serial"] = issued.SerialHex,
                        ["profile"] = issued.ProfileName,
                        ["tnAuthList"] = TnAuthListIdentifier.Encode(issued.TnAuthList),
                        ["notBefore"] = issued.NotBefore.ToString("O"),
                        ["notAfter"] = issued.NotAfter.ToString("O"),
                        ["out"] = outPath,
                    },
                    $"issued {issued.ProfileName} certificate {issued.SerialHex}\n  TNAuthList: {issued.TnAuthList}\n  valid {issued.NotBefore:u} .. {issued.NotAfter:u}\n  chain written to {outPath}");
                return ExitCodes.Success;
            }
            catch (CertificateLintException e)
            {
                return CliOutput.Error(json, ExitCodes.Refused, "issuance refused by the linter", e.Findings.Select(f => f.ToString()));
            }
            catch (Exception e) when (e is InvalidOperationException or TnAcme.Issuance.Signing.Pkcs11SignerException)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }
}
