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

    // For FixedPointTable: ECDSA verification from its parts, with a table of the key's multiples.
    private static readonly delegate* unmanaged<int, IntPtr> EcGroupNewByCurveNameFn =
        (delegate* unmanaged<int, IntPtr>)Export("EC_GROUP_new_by_curve_name");

    private static readonly delegate* unmanaged<IntPtr, void> EcGroupFreeFn =
        (delegate* unmanaged<IntPtr, void>)Export("EC_GROUP_free");

    private static readonly delegate* unmanaged<IntPtr, IntPtr> EcGroupGet0OrderFn =
        (delegate* unmanaged<IntPtr, IntPtr>)Export("EC_GROUP_get0_order");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, int> EcGroupSetGeneratorFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, int>)Export("EC_GROUP_set_generator");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, int> EcGroupPrecomputeMultFn =
        (delegate* unmanaged<IntPtr, IntPtr, int>)Export("EC_GROUP_precompute_mult");

    private static readonly delegate* unmanaged<IntPtr, IntPtr> EcKeyGet0PublicKeyFn =
        (delegate* unmanaged<IntPtr, IntPtr>)Export("EC_KEY_get0_public_key");

    private static readonly delegate* unmanaged<IntPtr, IntPtr> EcPointNewFn =
        (delegate* unmanaged<IntPtr, IntPtr>)Export("EC_POINT_new");

    private static readonly delegate* unmanaged<IntPtr, void> EcPointFreeFn =
        (delegate* unmanaged<IntPtr, void>)Export("EC_POINT_free");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr> EcPointDupFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)Export("EC_POINT_dup");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int> EcPointMulFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int>)Export("EC_POINT_mul");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int> EcPointAddFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int>)Export("EC_POINT_add");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, int> EcPointIsAtInfinityFn =
        (delegate* unmanaged<IntPtr, IntPtr, int>)Export("EC_POINT_is_at_infinity");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int> EcPointGetAffineCoordinatesFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int>)Export("EC_POINT_get_affine_coordinates");

    private static readonly delegate* unmanaged<IntPtr> BnCtxNewFn =
        (delegate* unmanaged<IntPtr>)Export("BN_CTX_new");

    private static readonly delegate* unmanaged<IntPtr, void> BnCtxFreeFn =
        (delegate* unmanaged<IntPtr, void>)Export("BN_CTX_free");

    private static readonly delegate* unmanaged<IntPtr, void> BnCtxStartFn =
        (delegate* unmanaged<IntPtr, void>)Export("BN_CTX_start");

    private static readonly delegate* unmanaged<IntPtr, IntPtr> BnCtxGetFn =
        (delegate* unmanaged<IntPtr, IntPtr>)Export("BN_CTX_get");

    private static readonly delegate* unmanaged<IntPtr, void> BnCtxEndFn =
        (delegate* unmanaged<IntPtr, void>)Export("BN_CTX_end");

    private static readonly delegate* unmanaged<IntPtr> BnValueOneFn =
        (delegate* unmanaged<IntPtr>)Export("BN_value_one");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int> BnModMulFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, IntPtr, int>)Export("BN_mod_mul");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, int> BnNnmodFn =
        (delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr, int>)Export("BN_nnmod");

    private static readonly delegate* unmanaged<IntPtr, IntPtr, int> BnCmpFn =
        (delegate* unmanaged<IntPtr, IntPtr, int>)Export("BN_cmp");

    /// <summary>Whether libcrypto.so.3 loaded and exports every function used here (only tried on Linux).</summary>
    public static bool IsAvailable { get; } =
        EcKeyNewByCurveNameFn != null && EcKeyOct2KeyFn != null && EcKeyFreeFn != null && EcdsaSigNewFn != null
        && EcdsaSigFreeFn != null && EcdsaSigSet0Fn != null && BnBin2BnFn != null && BnFreeFn != null
        && EcdsaDoVerifyFn != null && EcdsaVerifyFn != null && ErrClearErrorFn != null;

    /// <summary>Whether the functions <see cref="FixedPointTable"/> needs are there too.</summary>
    public static bool HasFixedPointFunctions { get; } =
        IsAvailable && EcGroupNewByCurveNameFn != null && EcGroupFreeFn != null && EcGroupGet0OrderFn != null
        && EcGroupSetGeneratorFn != null && EcGroupPrecomputeMultFn != null && EcKeyGet0PublicKeyFn != null
        && EcPointNewFn != null && EcPointFreeFn != null && EcPointDupFn != null && EcPointMulFn != null
        && EcPointAddFn != null && EcPointIsAtInfinityFn != null && EcPointGetAffineCoordinatesFn != null
        && BnCtxNewFn != null && BnCtxFreeFn != null && BnCtxStartFn != null && BnCtxGetFn != null && BnCtxEndFn != null
        && BnValueOneFn != null && BnModMulFn != null && BnNnmodFn != null && BnCmpFn != null;

    public static IntPtr EcGroupNewByCurveName(int nid) => EcGroupNewByCurveNameFn(nid);

    public static void EcGroupFree(IntPtr group) => EcGroupFreeFn(group);

    public static IntPtr EcGroupGet0Order(IntPtr group) => EcGroupGet0OrderFn(group);

    /// <summary>EC_GROUP_set_generator: copies the point; drops any table of the previous generator's multiples.</summary>
    public static int EcGroupSetGenerator(IntPtr group, IntPtr generator, IntPtr order, IntPtr cofactor) =>
        EcGroupSetGeneratorFn(group, generator, order, cofactor);

    /// <summary>EC_GROUP_precompute_mult: stores a table of the generator's multiples in the group.</summary>
    public static int EcGroupPrecomputeMult(IntPtr group, IntPtr context) => EcGroupPrecomputeMultFn(group, context);

    public static IntPtr EcKeyGet0PublicKey(IntPtr key) => EcKeyGet0PublicKeyFn(key);

    public static IntPtr EcPointNew(IntPtr group) => EcPointNewFn(group);

    public static void EcPointFree(IntPtr point) => EcPointFreeFn(point);

    public static IntPtr EcPointDup(IntPtr point, IntPtr group) => EcPointDupFn(point, group);

    /// <summary>EC_POINT_mul: result = n·generator + m·q (either term may be absent).</summary>
    public static int EcPointMul(IntPtr group, IntPtr result, IntPtr n, IntPtr q, IntPtr m, IntPtr context) =>
        EcPointMulFn(group, result, n, q, m, context);

    public static int EcPointAdd(IntPtr group, IntPtr result, IntPtr a, IntPtr b, IntPtr context) => EcPointAddFn(group, result, a, b, context);

    public static int EcPointIsAtInfinity(IntPtr group, IntPtr point) => EcPointIsAtInfinityFn(group, point);

    public static int EcPointGetAffineX(IntPtr group, IntPtr point, IntPtr x, IntPtr context) =>
        EcPointGetAffineCoordinatesFn(group, point, x, IntPtr.Zero, context);

    public static IntPtr BnCtxNew() => BnCtxNewFn();

    public static void BnCtxFree(IntPtr context) => BnCtxFreeFn(context);

    public static void BnCtxStart(IntPtr context) => BnCtxStartFn(context);

    /// <summary>BN_CTX_get: a temporary number owned by the context (NULL when out of memory; later gets fail too).</summary>
    public static IntPtr BnCtxGet(IntPtr context) => BnCtxGetFn(context);

    public static void BnCtxEnd(IntPtr context) => BnCtxEndFn(context);

    public static IntPtr BnValueOne() => BnValueOneFn();

    /// <summary>BN_bin2bn into an existing number; NULL on failure.</summary>
    public static IntPtr BnBin2Bn(byte* value, int length, IntPtr into) => BnBin2BnFn(value, length, into);

    public static int BnModMul(IntPtr result, IntPtr a, IntPtr b, IntPtr modulus, IntPtr context) => BnModMulFn(result, a, b, modulus, context);

    public static int BnNnmod(IntPtr result, IntPtr a, IntPtr modulus, IntPtr context) => BnNnmodFn(result, a, modulus, context);

    public static int BnCmp(IntPtr a, IntPtr b) => BnCmpFn(a, b);

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
