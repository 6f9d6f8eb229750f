namespace TnAcme.Crypto;

/// <summary>Which implementation keys get when the caller does not say: chosen once per process.</summary>
internal static class ImplementationChoice
{
    /// <summary>Set to "dotnet" to force .NET's ECDsa (tests, or an OpenSSL that misbehaves); anything else means "best available".</summary>
    public const string EnvironmentVariable = "TNACME_ECDSA_IMPLEMENTATION";

    public static EcdsaImplementation Resolve(string? setting, bool openSslAvailable) =>
        string.Equals(setting?.Trim(), "dotnet", StringComparison.OrdinalIgnoreCase) || !openSslAvailable
            ? EcdsaImplementation.DotNet
            : EcdsaImplementation.OpenSsl;
}
