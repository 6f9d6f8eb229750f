namespace TnAcme.Issuance.Signing;

/// <summary>What <see cref="Pkcs11Signer.GenerateKeyPair"/> created: the key's CKA_LABEL, its random CKA_ID (hex) and its public key.</summary>
public sealed record Pkcs11KeyPairInfo(string KeyLabel, string KeyIdHex, byte[] SubjectPublicKeyInfoDer);
