using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Hierarchy;

/// <summary>Where the issuing CA's private key lives. A new kind of key storage is a new implementation.</summary>
public interface ICaKeyStore
{
    /// <summary>The <see cref="SignerSettings.Type"/> this store serves.</summary>
    string Type { get; }

    /// <summary>Generates a new P-256 key for the issuing CA.</summary>
    ISigner Generate(CaDataFolder folder, SignerSettings settings);

    /// <summary>Opens the existing key.</summary>
    ISigner Open(CaDataFolder folder, SignerSettings settings);
}
