using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Hierarchy;

/// <summary>The issuing key inside a PKCS#11 token (an HSM; SoftHSM2 in tests). The PIN comes from the environment.</summary>
public sealed class Pkcs11KeyStore : ICaKeyStore
{
    public string Type => "pkcs11";

    public ISigner Generate(CaDataFolder folder, SignerSettings settings)
    {
        Pkcs11SignerOptions options = Options(settings);
        Pkcs11Signer.GenerateKeyPair(options);
        return Pkcs11Signer.Open(options);
    }

    public ISigner Open(CaDataFolder folder, SignerSettings settings) => Pkcs11Signer.Open(Options(settings));

    private static Pkcs11SignerOptions Options(SignerSettings settings)
    {
        string variable = settings.Pkcs11PinEnvironmentVariable;
        string pin = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"the PKCS#11 user PIN is read from ${variable}, which is not set");
        return new Pkcs11SignerOptions
        {
            LibraryPath = settings.Pkcs11Library ?? throw new InvalidOperationException("ca.json names no PKCS#11 library"),
            TokenLabel = settings.Pkcs11TokenLabel,
            KeyLabel = settings.Pkcs11KeyLabel,
            Pin = pin,
        };
    }
}
