using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Cli;

/// <summary>The key stores this build of tnacme knows.</summary>
internal static class CaKeyStores
{
    public static CertificateAuthorityHierarchy Hierarchy { get; } = new([new SoftwareKeyStore(), new Pkcs11KeyStore()]);
}
