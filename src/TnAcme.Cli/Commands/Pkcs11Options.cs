using System.CommandLine;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Cli.Commands;

/// <summary>Switches that put the issuing CA key in a PKCS#11 token. The PIN is read from an environment variable, never a switch.</summary>
internal static class Pkcs11Options
{
    public static readonly Option<string?> Library = new("--pkcs11-library") { Description = "PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so; keeps the issuing key in that token" };
    public static readonly Option<string?> Token = new("--pkcs11-token") { Description = "Label of the PKCS#11 token" };
    public static readonly Option<string> KeyLabel = new("--pkcs11-key-label") { Description = "CKA_LABEL of the issuing key (default: tnacme-issuing)", DefaultValueFactory = _ => "tnacme-issuing" };
    public static readonly Option<string> PinEnv = new("--pkcs11-pin-env") { Description = "Environment variable holding the user PIN (default: TNACME_PKCS11_PIN)", DefaultValueFactory = _ => "TNACME_PKCS11_PIN" };

    public static IEnumerable<Option> All => [Library, Token, KeyLabel, PinEnv];

    public static SignerSettings Settings(ParseResult result)
    {
        string? library = result.GetValue(Library);
        if (library is null)
        {
            return new SignerSettings();
        }

        return new SignerSettings
        {
            Type = "pkcs11",
            Pkcs11Library = library,
            Pkcs11TokenLabel = result.GetValue(Token) ?? throw new InvalidOperationException("--pkcs11-library needs --pkcs11-token"),
            Pkcs11KeyLabel = result.GetValue(KeyLabel),
            Pkcs11PinEnvironmentVariable = result.GetValue(PinEnv)!,
        };
    }
}
