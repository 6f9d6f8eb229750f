namespace TnAcme.Crypto;

/// <summary>Which code verifies an <see cref="EcdsaPublicKey"/>'s signatures.</summary>
public enum EcdsaImplementation
{
    /// <summary>OpenSSL's low-level EC_KEY / ECDSA_do_verify API in libcrypto.so.3 (Linux).</summary>
    OpenSsl,

    /// <summary>.NET's <see cref="System.Security.Cryptography.ECDsa"/>: portable, slower to create and to verify.</summary>
    DotNet,
}
