using System.Security.Cryptography;

namespace TnAcme.Crypto.OpenSsl;

/// <summary>
/// Verification on an OpenSSL EC_KEY through the low-level API: about 61 µs per P-256 verification where .NET's
/// ECDsa, going through EVP and the provider layer, takes about 89 µs; and about 13 µs to build the key, where .NET's
/// import runs EC_KEY_check_key, a full scalar multiplication n·Q (about 128 µs).
/// </summary>
/// <remarks>
/// <para>
/// Skipping EC_KEY_check_key is sound because EC_KEY_oct2key decodes through EC_POINT_set_affine_coordinates, which
/// refuses coordinates not below p and points not on the curve. P-256, P-384 and P-521 have prime order (cofactor
/// 1): every affine point of the curve generates the whole group, so n·Q = O holds for all of them and the check only
/// adds the cost. The one point that is on the curve yet no public key, infinity, has no uncompressed encoding and is
/// refused before OpenSSL sees it (<see cref="UncompressedPoint"/>).
/// </para>
/// <para>
/// Sharing: ECDSA_do_verify only reads the EC_KEY and its group (the verification's numbers and points live in a
/// BN_CTX and an EC_POINT of its own), so one key verifies on many threads at once — the same use .NET makes of one
/// EVP_PKEY. Every failure empties the thread's OpenSSL error queue.
/// </para>
/// </remarks>
internal sealed unsafe class OpenSslEcdsaVerifier : EcdsaVerifierCore
{
    /// <summary>
    /// A P-256 key gets its <see cref="FixedPointTable"/> at its 256th verification (by then a table's 20–40 ms are
    /// repaid within a few hundred more), built in the background while verifications go on without it.
    /// </summary>
    public const int TableAfter = 256;

    /// <summary>At most this many tables (about 150 KB each) in the process; later keys verify without.</summary>
    public const int MaxTables = 64;

    private readonly SafeEcKeyHandle _key;
    private readonly int _coordinateLength;
    private bool _tableEligible;
    private FixedPointTable? _table;
    private int _verifications;
    private volatile bool _disposed;

    private OpenSslEcdsaVerifier(SafeEcKeyHandle key, EcdsaCurve curve)
    {
        _key = key;
        _coordinateLength = curve.CoordinateLength;
        _tableEligible = curve == EcdsaCurve.P256 && FixedPointTable.IsSupported;
    }

    /// <summary>Keeps this key on the EC_KEY path for good (benchmarks compare the two).</summary>
    public void NeverBuildTable() => _tableEligible = false;

    /// <summary>Whether verifications go through a <see cref="FixedPointTable"/>.</summary>
    public bool HasTable => Volatile.Read(ref _table) is not null;

    /// <summary>Builds the table now (a P-256 key on a libcrypto that can); false when it cannot.</summary>
    public bool TryBuildTable()
    {
        if (!_tableEligible || _disposed)
        {
            return false;
        }

        if (HasTable)
        {
            return true;
        }

        bool referenced = false;
        FixedPointTable? table;
        try
        {
            _key.DangerousAddRef(ref referenced);
            table = FixedPointTable.TryBuild(_key.DangerousGetHandle());
        }
        finally
        {
            if (referenced)
            {
                _key.DangerousRelease();
            }
        }

        if (table is null)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _table, table, null) is not null)
        {
            // Another build won.
            table.Dispose();
        }

        if (_disposed)
        {
            // Disposed meanwhile: Dispose may have run before the table was set.
            Interlocked.Exchange(ref _table, null)?.Dispose();
            return false;
        }

        return true;
    }

    private void BuildTableInBackground()
    {
        try
        {
            TryBuildTable();
        }
        catch (ObjectDisposedException)
        {
            // The key was disposed while its table was being built: nothing to keep.
        }
    }

    /// <summary>The key for an uncompressed point of <paramref name="curve"/>, or null with why when it is not on the curve.</summary>
    public static OpenSslEcdsaVerifier? TryCreate(EcdsaCurve curve, ReadOnlySpan<byte> uncompressedPoint, out string? error)
    {
        if (!LibCrypto.IsAvailable)
        {
            throw new PlatformNotSupportedException("libcrypto.so.3 with the EC_KEY API is not available; use EcdsaImplementation.DotNet");
        }

        IntPtr raw = LibCrypto.EcKeyNewByCurveName(curve.Nid);
        if (raw == IntPtr.Zero)
        {
            LibCrypto.ErrClearError();
            throw new CryptographicException($"OpenSSL could not create an EC key on {curve.Name}");
        }

        var key = new SafeEcKeyHandle(raw);
        int decoded;
        fixed (byte* point = uncompressedPoint)
        {
            decoded = LibCrypto.EcKeyOct2Key(raw, point, (nuint)uncompressedPoint.Length);
        }

        if (decoded != 1)
        {
            LibCrypto.ErrClearError();
            key.Dispose();
            error = $"the point is not on {curve.Name}";
            return null;
        }

        error = null;
        return new OpenSslEcdsaVerifier(key, curve);
    }

    public override bool VerifyHash(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, DSASignatureFormat format)
    {
        if (_tableEligible && format == DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        {
            if (Volatile.Read(ref _table) is { } table)
            {
                return table.Verify(digest, signature);
            }

            if (Interlocked.Increment(ref _verifications) == TableAfter && FixedPointTable.Live < MaxTables)
            {
                _ = Task.Run(BuildTableInBackground);
            }
        }

        bool referenced = false;
        try
        {
            _key.DangerousAddRef(ref referenced);
            IntPtr key = _key.DangerousGetHandle();
            int result = format == DSASignatureFormat.IeeeP1363FixedFieldConcatenation
                ? VerifyP1363(key, digest, signature)
                : VerifyDer(key, digest, signature);
            if (result != 1)
            {
                // 0 (invalid) may leave an error too, e.g. EC_R_BAD_SIGNATURE for r or s out of range.
                LibCrypto.ErrClearError();
            }

            return result == 1;
        }
        finally
        {
            if (referenced)
            {
                _key.DangerousRelease();
            }
        }
    }

    public override void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _table, null)?.Dispose();
        _key.Dispose();
    }

    private static int VerifyDer(IntPtr key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        fixed (byte* d = digest)
        fixed (byte* s = signature)
        {
            return LibCrypto.EcdsaVerify(d, digest.Length, s, signature.Length, key);
        }
    }

    /// <summary>r ‖ s into an ECDSA_SIG (which owns the two numbers once set0 succeeds), then ECDSA_do_verify.</summary>
    private int VerifyP1363(IntPtr key, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        IntPtr sig = LibCrypto.EcdsaSigNew();
        if (sig == IntPtr.Zero)
        {
            LibCrypto.ErrClearError();
            throw new CryptographicException("OpenSSL could not allocate an ECDSA_SIG");
        }

        try
        {
            IntPtr r, s;
            fixed (byte* p = signature)
            {
                r = LibCrypto.BnBin2Bn(p, _coordinateLength);
                s = LibCrypto.BnBin2Bn(p + _coordinateLength, _coordinateLength);
            }

            if (r == IntPtr.Zero || s == IntPtr.Zero || LibCrypto.EcdsaSigSet0(sig, r, s) != 1)
            {
                LibCrypto.BnFree(r);
                LibCrypto.BnFree(s);
                LibCrypto.ErrClearError();
                throw new CryptographicException("OpenSSL could not allocate the signature's numbers");
            }

            fixed (byte* d = digest)
            {
                return LibCrypto.EcdsaDoVerify(d, digest.Length, sig, key);
            }
        }
        finally
        {
            LibCrypto.EcdsaSigFree(sig);
        }
    }
}
