using Net.Pkcs11Interop.Common;

namespace TnAcme.Issuance.Signing;

/// <summary>
/// A PKCS#11 signer could not be opened, could not generate a key, or could not sign.
/// Messages name the module, token and key but never carry the PIN.
/// </summary>
public sealed class Pkcs11SignerException : Exception
{
    public Pkcs11SignerException(string message)
        : base(message)
    {
    }

    public Pkcs11SignerException(string message, Exception innerException)
        : base(message, innerException)
    {
        ReturnValue = (innerException as Pkcs11Exception)?.RV;
    }

    /// <summary>The PKCS#11 return value (CKR_*) behind the failure, when a module call failed.</summary>
    public CKR? ReturnValue { get; }
}
