using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Passport;

namespace TnAcme.Cli.Commands;

internal static class PassportSignCommand
{
    public static Command Create()
    {
        var key = new Option<FileInfo>("--key") { Description = "EC P-256 private key (PEM: PKCS#8 or SEC1), the certificate's key", Required = true };
        var x5u = new Option<string>("--x5u") { Description = "URL of the signing certificate chain (header x5u; Identity info)", Required = true };
        var orig = new Option<string>("--orig") { Description = "Calling number (canonicalized: '+', '-', '.', '(', ')' and spaces dropped)", Required = true };
        var dest = new Option<string[]>("--dest") { Description = "Called number; repeat for several", Required = true };
        var attest = new Option<string?>("--attest") { Description = "SHAKEN attestation A, B or C (default for ppt shaken: C, gateway)" };
        var ppt = new Option<string>("--ppt") { Description = "PASSporT extension in the ppt header, or 'none' for a baseline PASSporT", DefaultValueFactory = _ => PassportSigner.ShakenPpt };
        var origId = new Option<string?>("--origid") { Description = "SHAKEN origination identifier, a UUID (default: a random one)" };
        var iat = new Option<long?>("--iat") { Description = "Issued-at as seconds since the Unix epoch (default: now)" };
        var identity = new Option<bool>("--identity") { Description = "Print the SIP Identity header value (<jws>;info=<x5u>;alg=ES256;ppt=…) instead of the bare PASSporT" };
        var command = new Command("sign", "Sign a PASSporT with a STIR certificate's key")
        {
            key, x5u, orig, dest, attest, ppt, origId, iat, identity,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            string pptValue = result.GetValue(ppt)!;
            string? pptOrNull = string.Equals(pptValue, "none", StringComparison.OrdinalIgnoreCase) ? null : pptValue;
            if (!Uri.TryCreate(result.GetValue(x5u), UriKind.Absolute, out Uri? x5uUri))
            {
                return CliOutput.Error(json, ExitCodes.Usage, $"--x5u '{result.GetValue(x5u)}' is not an absolute URL");
            }

            Guid? origIdValue = null;
            if (result.GetValue(origId) is { } origIdText)
            {
                if (!Guid.TryParseExact(origIdText, "D", out Guid parsed))
                {
                    return CliOutput.Error(json, ExitCodes.Usage, $"--origid '{origIdText}' is not a UUID (8-4-4-4-12 hex digits)");
                }

                origIdValue = parsed;
            }

            using ECDsa ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportFromPem(await File.ReadAllTextAsync(result.GetValue(key)!.FullName, cancellationToken));
            }
            catch (Exception e) when (e is IOException or ArgumentException or CryptographicException or UnauthorizedAccessException)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, $"cannot read an EC private key from {result.GetValue(key)!.FullName}: {e.Message}");
            }

            SignedPassport signed;
            try
            {
                var signer = new PassportSigner(ecdsa);
                signed = signer.Sign(new PassportRequest
                {
                    X5u = x5uUri,
                    OrigTn = result.GetValue(orig)!,
                    DestTns = result.GetValue(dest)!,
                    IssuedAt = result.GetValue(iat) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UtcNow,
                    Ppt = pptOrNull,
                    Attest = result.GetValue(attest) ?? (pptOrNull == PassportSigner.ShakenPpt ? "C" : null),
                    OrigId = origIdValue,
                });
            }
            catch (ArgumentException e)
            {
                return CliOutput.Error(json, ExitCodes.Usage, e.Message);
            }

            CliOutput.Result(json,
                new JsonObject
                {
                    ["passport"] = signed.Compact,
                    ["identity"] = signed.IdentityHeader,
                    ["header"] = JsonNode.Parse(signed.HeaderJson),
                    ["payload"] = JsonNode.Parse(signed.PayloadJson),
                },
                result.GetValue(identity) ? signed.IdentityHeader : signed.Compact);
            return ExitCodes.Success;
        });
        return command;
    }
}
