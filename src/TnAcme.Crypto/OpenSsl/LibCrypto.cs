using System.Runtime.InteropServices;

namespace TnAcme.Crypto.OpenSsl;

/// <summary>
/// The few functions of OpenSSL 3's libcrypto that <see cref="OpenSslEcdsaVerifier"/> calls, resolved once through
/// <see cref="NativeLibrary"/>: every symbol must be there, or none is used (<see cref="IsAvailable"/> is false and
/// keys fall back to .NET). The EC_KEY / ECDSA_SIG API is deprecated in OpenSSL 3 but exported, and it is the layer
/// under the EVP provider that .NET goes through: calling it directly skips that layer's per-call cost.
/// </summary>
internal static unsafe class LibCrypto
{
    private const string LibraryName = "libcrypto.so.3";

    private static readonly IntPtr Library = Load();

    private static readonly delegate* unmanaged<int, IntPtr> EcKeyNewByCurveNameFn =
        (delegate* unmanaged<int, IntPtr>)Export("EC_KEY_new_by_curve_name");

    private static readonly delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, int> EcKeyOct2KeyFn =
        (delegate* unmanaged<IntPtr, byte*, nuint, IntPtr, int>)Export("EC_KEY_oct2key");

    private static readonly delegate* unmanaged<IntPtr, void> EcKeyFreeFn =
        (delegate* unmanaged<IntPtr, void>)Export("EC_KEY_free");

    private static readonly delegate* unmanaged<IntPtr> EcdsaSigNewFn =
        (delegate* unmanaged<IntPtr>)Export("ECDSA_SIG_new");

    private static readonly delegate* unmanaged<IntPtr, void> EcdsaSigFreeFn =
        (delegate* unmanaged<IntPtr, void>)Export("ECDSA_SIG_free");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> EcdsaSigSet0Fn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, int>)Export("ECDSA_SIG_set0");

    private static readonly delegate* unmanaged<byte*, int, IntPtr, IntPtr> BnBin2BnFn =
        (delegate* unmanaged<byte*, int, IntPtr, IntPtr>)Export("BN_bin2bn");

    private static readonly delegate* unmanaged<IntPtr, void> BnFreeFn =
        (delegate* unmanaged<IntPtr, void>)Export("BN_free");

    private static readonly delegate* unmanaged<byte*, int, IntPtr, IntPtr, int> EcdsaDoVerifyFn =
        (delegate* unmanaged<byte*, int, IntPtr, IntPtr, int>)Export("ECDSA_do_verify");

    private static readonly delegate* unmanaged<int, byte*, int, byte*, int, IntPtr, int> EcdsaVerifyFn =
        (delegate* unmanaged<int, byte*, int, byte*, int, IntPtr, int>)Export("ECDSA_verify");

    private static readonly delegate* unmanaged<void> ErrClearErrorFn =
        (delegate* unmanaged<void>)Export("ERR_clear_error");

    /// <summary>Whether libcrypto.so.3 loaded and exports every function used here (only tried on Linux).</summary>
    public static bool IsAvailable { get; } =
        EcKeyNewByCurveNameFn != null && EcKeyOct2KeyFn != null && EcKeyFreeFn != null && EcdsaSigNewFn != null
        && EcdsaSigFreeFn != null && EcdsaSigSet0Fn != null && BnBin2BnFn != null && BnFreeFn != null
        && EcdsaDoVerifyFn != null && EcdsaVerifyFn != null && ErrClearErrorFn != null;

    /// <summary>EC_KEY_new_by_curve_name: a key with the curve's group and no point yet; NULL on failure.</summary>
    public static IntPtr EcKeyNewByCurveName(int nid) => EcKeyNewByCurveNameFn(nid);

    /// <summary>EC_KEY_oct2key: decodes the point (checking it is on the curve) into the key; 1 on success, 0 on failure.</summary>
    public static int EcKeyOct2Key(IntPtr key, byte* buffer, nuint length) => EcKeyOct2KeyFn(key, buffer, length, IntPtr.Zero);

    public static void EcKeyFree(IntPtr key) => EcKeyFreeFn(key);

    /// <summary>ECDSA_SIG_new: an empty signature (r and s zero); NULL on failure.</summary>
    public static IntPtr EcdsaSigNew() => EcdsaSigNewFn();

    public static void EcdsaSigFree(IntPtr signature) => EcdsaSigFreeFn(signature);

    /// <summary>ECDSA_SIG_set0: 1 when the signature took ownership of both numbers; 0 (owning neither) when one is NULL.</summary>
    public static int EcdsaSigSet0(IntPtr signature, IntPtr r, IntPtr s) => EcdsaSigSet0Fn(signature, r, s);

    /// <summary>BN_bin2bn: a new non-negative number from big-endian octets; NULL on failure.</summary>
    public static IntPtr BnBin2Bn(byte* value, int length) => BnBin2BnFn(value, length, IntPtr.Zero);

    /// <summary>BN_free: NULL is allowed.</summary>
    public static void BnFree(IntPtr number) => BnFreeFn(number);

    /// <summary>ECDSA_do_verify: 1 valid, 0 invalid (including r or s outside [1, n − 1]), −1 error.</summary>
    public static int EcdsaDoVerify(byte* digest, int digestLength, IntPtr signature, IntPtr key) =>
        EcdsaDoVerifyFn(digest, digestLength, signature, key);

    /// <summary>
    /// ECDSA_verify on a DER Ecdsa-Sig-Value: 1 valid, 0 invalid, −1 error (including a signature that is not DER or
    /// has trailing data: OpenSSL re-encodes what it decoded and compares). The first argument is ignored.
    /// </summary>
    public static int EcdsaVerify(byte* digest, int digestLength, byte* signature, int signatureLength, IntPtr key) =>
        EcdsaVerifyFn(0, digest, digestLength, signature, signatureLength, key);

    /// <summary>
    /// ERR_clear_error: empties this thread's OpenSSL error queue. Called after every failure, so an error left by a
    /// hostile key or signature is not picked up by .NET's own OpenSSL calls later on the same thread.
    /// </summary>
    public static void ErrClearError() => ErrClearErrorFn();

    private static IntPtr Load() =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad(LibraryName, out IntPtr library) ? library : IntPtr.Zero;

    private static IntPtr Export(string name) =>
        Library != IntPtr.Zero && NativeLibrary.TryGetExport(Library, name, out IntPtr address) ? address : IntPtr.Zero;
}
