using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace TnAcme.Crypto.OpenSsl;

/// <summary>
/// P-256 verification with a table of multiples of the key's own point, built the way OpenSSL keeps one for the
/// generator: a copy of the curve's group whose generator is the public key Q, with EC_GROUP_precompute_mult. Then
/// ECDSA's R = u1·G + u2·Q is two table walks (G's built-in table, Q's own) instead of a table walk and a
/// variable-base multiplication, which is most of a verification's cost: about 35 µs instead of 60–80 µs here.
/// Building the table costs 20–40 ms and keeps about 150 KB, so only keys that verify often get one
/// (<see cref="OpenSslEcdsaVerifier"/>): an account's key, a token authority's signing key.
/// </summary>
/// <remarks>
/// The verification is ECDSA's own (FIPS 186-5 §6.4.2, SEC 1 §4.1.4) from OpenSSL's number and point functions:
/// e = the digest's leftmost 256 bits; w = s⁻¹ mod n (<see cref="P256Order"/>); u1 = e·w, u2 = r·w mod n; R = u1·G + u2·Q; valid when R is
/// not the point at infinity and x(R) mod n = r. The caller has checked r and s are in [1, n − 1]. Everything here
/// is public (the key, the signature, the digest), so nothing needs to run in constant time. The group and its table
/// are only read once built, so one table verifies on many threads at once.
/// </remarks>
internal sealed unsafe class FixedPointTable : SafeHandleZeroOrMinusOneIsInvalid
{
    private const int P256Nid = 415;
    private const int ScalarLength = 32;

    /// <summary>The standard P-256 group (generator G with OpenSSL's built-in table), shared and never freed.</summary>
    private static readonly IntPtr P256 = LibCrypto.HasFixedPointFunctions ? LibCrypto.EcGroupNewByCurveName(P256Nid) : IntPtr.Zero;

    private static readonly IntPtr Order = P256 == IntPtr.Zero ? IntPtr.Zero : LibCrypto.EcGroupGet0Order(P256);

    private static int _live;

    private FixedPointTable(IntPtr group)
        : base(ownsHandle: true)
    {
        SetHandle(group);
        Interlocked.Increment(ref _live);
    }

    /// <summary>Whether this libcrypto can build tables.</summary>
    public static bool IsSupported => Order != IntPtr.Zero;

    /// <summary>Tables not yet freed, in this process.</summary>
    public static int Live => Volatile.Read(ref _live);

    /// <summary>The table for the public key of a P-256 EC_KEY, or null when OpenSSL could not build it.</summary>
    public static FixedPointTable? TryBuild(IntPtr p256Key)
    {
        if (!IsSupported)
        {
            return null;
        }

        IntPtr group = LibCrypto.EcGroupNewByCurveName(P256Nid);
        if (group == IntPtr.Zero)
        {
            LibCrypto.ErrClearError();
            return null;
        }

        var table = new FixedPointTable(group);
        IntPtr point = LibCrypto.EcPointDup(LibCrypto.EcKeyGet0PublicKey(p256Key), group);
        IntPtr context = LibCrypto.BnCtxNew();
        bool built;
        try
        {
            built = point != IntPtr.Zero && context != IntPtr.Zero
                && LibCrypto.EcGroupSetGenerator(group, point, LibCrypto.EcGroupGet0Order(group), LibCrypto.BnValueOne()) == 1
                && LibCrypto.EcGroupPrecomputeMult(group, context) == 1;
        }
        finally
        {
            LibCrypto.EcPointFree(point);
            LibCrypto.BnCtxFree(context);
        }

        if (!built)
        {
            LibCrypto.ErrClearError();
            table.Dispose();
            return null;
        }

        return table;
    }

    /// <summary>Verifies a P1363 signature (r ‖ s, each 32 octets, already checked to lie in [1, n − 1]) over <paramref name="digest"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        bool referenced = false;
        IntPtr context = IntPtr.Zero;
        IntPtr sum = IntPtr.Zero;
        IntPtr multiple = IntPtr.Zero;
        try
        {
            DangerousAddRef(ref referenced);
            context = LibCrypto.BnCtxNew();
            if (context == IntPtr.Zero)
            {
                throw Failed("allocate a BN_CTX");
            }

            LibCrypto.BnCtxStart(context);
            IntPtr e = LibCrypto.BnCtxGet(context);
            IntPtr r = LibCrypto.BnCtxGet(context);
            IntPtr w = LibCrypto.BnCtxGet(context);
            IntPtr u1 = LibCrypto.BnCtxGet(context);
            IntPtr u2 = LibCrypto.BnCtxGet(context);
            IntPtr x = LibCrypto.BnCtxGet(context);
            if (x == IntPtr.Zero)
            {
                throw Failed("allocate numbers");
            }

            // w = s⁻¹ mod n here: OpenSSL's BN_mod_inverse would be half of the verification's time.
            Span<byte> inverse = stackalloc byte[ScalarLength];
            P256Order.Invert(signature[ScalarLength..], inverse);

            // The leftmost bits of the digest, as many as the order has (256): its first 32 octets.
            fixed (byte* d = digest)
            fixed (byte* rs = signature)
            fixed (byte* sInverse = inverse)
            {
                if (LibCrypto.BnBin2Bn(d, Math.Min(digest.Length, ScalarLength), e) == IntPtr.Zero
                    || LibCrypto.BnBin2Bn(rs, ScalarLength, r) == IntPtr.Zero
                    || LibCrypto.BnBin2Bn(sInverse, ScalarLength, w) == IntPtr.Zero)
                {
                    throw Failed("read the digest and signature");
                }
            }

            if (LibCrypto.BnModMul(u1, e, w, Order, context) != 1
                || LibCrypto.BnModMul(u2, r, w, Order, context) != 1)
            {
                throw Failed("compute u1 and u2");
            }

            sum = LibCrypto.EcPointNew(P256);
            multiple = LibCrypto.EcPointNew(handle);
            if (sum == IntPtr.Zero || multiple == IntPtr.Zero
                || LibCrypto.EcPointMul(P256, sum, u1, IntPtr.Zero, IntPtr.Zero, context) != 1
                || LibCrypto.EcPointMul(handle, multiple, u2, IntPtr.Zero, IntPtr.Zero, context) != 1
                || LibCrypto.EcPointAdd(P256, sum, sum, multiple, context) != 1)
            {
                throw Failed("compute u1·G + u2·Q");
            }

            if (LibCrypto.EcPointIsAtInfinity(P256, sum) == 1)
            {
                return false;
            }

            if (LibCrypto.EcPointGetAffineX(P256, sum, x, context) != 1 || LibCrypto.BnNnmod(x, x, Order, context) != 1)
            {
                throw Failed("reduce x(R)");
            }

            return LibCrypto.BnCmp(x, r) == 0;
        }
        finally
        {
            LibCrypto.EcPointFree(sum);
            LibCrypto.EcPointFree(multiple);
            if (context != IntPtr.Zero)
            {
                LibCrypto.BnCtxEnd(context);
                LibCrypto.BnCtxFree(context);
            }

            if (referenced)
            {
                DangerousRelease();
            }
        }
    }

    private static CryptographicException Failed(string what)
    {
        LibCrypto.ErrClearError();
        return new CryptographicException($"OpenSSL could not {what}");
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.EcGroupFree(handle);
        Interlocked.Decrement(ref _live);
        return true;
    }
}
