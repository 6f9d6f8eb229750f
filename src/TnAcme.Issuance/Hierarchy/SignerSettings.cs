namespace TnAcme.Issuance.Hierarchy;

/// <summary>
/// Where the issuing CA's key lives, recorded in the data folder's <c>ca.json</c>. The PKCS#11 PIN is never
/// stored: it is read from the environment variable named here.
/// </summary>
public sealed record SignerSettings
{
    /// <summary>"software" (PEM file in the data folder) or "pkcs11".</summary>
    public string Type { get; init; } = "software";

    public string? Pkcs11Library { get; init; }

    public string? Pkcs11TokenLabel { get; init; }

    public string? Pkcs11KeyLabel { get; init; }

    public string Pkcs11PinEnvironmentVariable { get; init; } = "TNACME_PKCS11_PIN";
}
