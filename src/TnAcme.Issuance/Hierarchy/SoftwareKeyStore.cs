using System.Security.Cryptography;
using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Hierarchy;

/// <summary>The issuing key as a PKCS#8 PEM file in the data folder, mode 0600.</summary>
public sealed class SoftwareKeyStore : ICaKeyStore
{
    public string Type => "software";

    public ISigner Generate(CaDataFolder folder, SignerSettings settings)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CaDataFolder.WriteSecret(folder.IssuingKeyPath, key.ExportPkcs8PrivateKeyPem());
        return new SoftwareSigner(key);
    }

    public ISigner Open(CaDataFolder folder, SignerSettings settings) =>
        SoftwareSigner.FromPem(File.ReadAllText(folder.IssuingKeyPath));
}
