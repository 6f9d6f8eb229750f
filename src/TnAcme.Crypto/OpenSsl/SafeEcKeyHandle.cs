using Microsoft.Win32.SafeHandles;

namespace TnAcme.Crypto.OpenSsl;

/// <summary>
/// An OpenSSL EC_KEY, freed with EC_KEY_free. Callers hold a reference (DangerousAddRef) around each native call, so a
/// Dispose racing a verification frees the key only after that verification returns.
/// </summary>
internal sealed class SafeEcKeyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeEcKeyHandle(IntPtr key)
        : base(ownsHandle: true) => SetHandle(key);

    protected override bool ReleaseHandle()
    {
        LibCrypto.EcKeyFree(handle);
        return true;
    }
}
