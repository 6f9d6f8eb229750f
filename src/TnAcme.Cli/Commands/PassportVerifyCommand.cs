using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Passport;

namespace TnAcme.Cli.Commands;

internal static class PassportVerifyCommand
{
    public static Command Create()
    {
        var passport = new Option<string?>("--passport") { Description = "The PASSporT as a compact JWS" };
        var identity = new Option<string?>("--identity") { Description = "A SIP Identity header value (<jws>;info=<x5u>;alg=ES256;ppt=shaken)" };
        var file = new Option<FileInfo?>("--file") { Description = "A file holding either form" };
        var cert = new Option<FileInfo>("--cert") { Description = "The signing certificate chain (PEM, signer first, then intermediates), e.g. what x5u serves", Required = true };
        var caFile = new Option<FileInfo>("--ca-file") { Description = "Trust anchors (PEM): the chain must end in one of these", Required = true };
        var maxAge = new Option<int?>("--max-age") { Description = "How many seconds iat may be from now (default 60, RFC 8224 §6.2)" };
        var noFreshness = new Option<bool>("--no-freshness") { Description = "Do not check iat against the clock (offline checks of old PASSporTs)" };
        var command = new Command("verify", "Verify a PASSporT: signature, certificate chain, iat, orig within the TNAuthList, claim constraints. Exit 0 when valid, 6 when not")
        {
            passport, identity, file, cert, caFile, maxAge, noFreshness,
        };
        command.Validators.Add(r =>
        {
            int sources = (r.GetResult(passport) is null ? 0 : 1) + (r.GetResult(identity) is null ? 0 : 1) + (r.GetResult(file) is null ? 0 : 1);
            if (sources != 1)
            {
                r.AddError("give exactly one of --passport, --identity or --file");
            }

            if (r.GetResult(maxAge) is not null && r.GetValue(noFreshness))
            {
                r.AddError("--max-age and --no-freshness exclude each other");
            }

            if (r.GetValue(maxAge) is < 0)
            {
                r.AddError("--max-age must not be negative");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            X509Certificate2Collection chain, anchors;
            string text;
            try
            {
                chain = await CertificateFiles.LoadAsync(result.GetValue(cert)!.FullName, cancellationToken);
                anchors = await CertificateFiles.LoadAsync(result.GetValue(caFile)!.FullName, cancellationToken);
                text = result.GetValue(file) is { } f
                    ? await File.ReadAllTextAsync(f.FullName, cancellationToken)
                    : (result.GetValue(passport) ?? result.GetValue(identity))!;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, e.Message);
            }

            try
            {
                var verifier = new PassportVerifier(new PassportVerificationOptions
                {
                    TrustAnchors = anchors,
                    MaxAge = result.GetValue(noFreshness) ? null
                        : result.GetValue(maxAge) is { } seconds ? TimeSpan.FromSeconds(seconds) : PassportVerificationOptions.DefaultMaxAge,
                });
                Func<string, ParsedPassport> parse = result.GetValue(passport) is not null ? ParsedPassport.ParseCompact
                    : result.GetValue(identity) is not null ? ParsedPassport.ParseIdentityHeader
                    : ParsedPassport.Parse;
                return Report(json, Verify(verifier, parse, text, [.. chain]));
            }
            finally
            {
                foreach (X509Certificate2 c in chain.Concat(anchors))
                {
                    c.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>--passport and --identity insist on their form; --file takes either.</summary>
    private static PassportVerificationResult Verify(PassportVerifier verifier, Func<string, ParsedPassport> parse, string text, X509Certificate2[] chain)
    {
        try
        {
            return verifier.Verify(parse(text), chain);
        }
        catch (PassportFormatException e)
        {
            return new PassportVerificationResult([PassportCheck.Fail(PassportCheckNames.Format, e.Message)], null);
        }
    }

    private static int Report(bool json, PassportVerificationResult verification)
    {
        int exit = verification.IsValid ? ExitCodes.Success : ExitCodes.PassportInvalid;
        if (json)
        {
            var node = new JsonObject
            {
                ["valid"] = verification.IsValid,
                ["verdict"] = verification.Verdict switch
                {
                    PassportVerdict.Valid => "valid",
                    PassportVerdict.ValidOrigNotCheckable => "valid-orig-not-checkable",
                    _ => "invalid",
                },
                ["summary"] = verification.Summary,
                ["checks"] = new JsonArray([.. verification.Checks.Select(c => (JsonNode?)new JsonObject
                {
                    ["name"] = c.Name,
                    ["outcome"] = OutcomeText(c.Outcome),
                    ["message"] = c.Message,
                })]),
                ["header"] = verification.Passport?.Header.DeepClone(),
                ["payload"] = verification.Passport?.Payload.DeepClone(),
            };
            if (!verification.IsValid)
            {
                node["error"] = verification.Summary;
                node["exitCode"] = exit;
            }

            CliOutput.Result(json, node, string.Empty);
        }
        else
        {
            var sb = new StringBuilder(verification.Summary);
            foreach (PassportCheck c in verification.Checks)
            {
                sb.Append('\n').Append($"  {OutcomeText(c.Outcome),-13} {c.Name}: {c.Message}");
            }

            CliOutput.Result(json, new JsonObject(), sb.ToString());
        }

        if (!verification.IsValid)
        {
            Console.Error.WriteLine($"tnacme: {verification.Summary}");
        }

        return exit;
    }

    private static string OutcomeText(PassportCheckOutcome outcome) => outcome switch
    {
        PassportCheckOutcome.Passed => "pass",
        PassportCheckOutcome.Failed => "FAIL",
        PassportCheckOutcome.NotCheckable => "NOT-CHECKABLE",
        _ => "skipped",
    };
}
