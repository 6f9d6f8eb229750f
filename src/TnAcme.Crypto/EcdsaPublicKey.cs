using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using TnAcme.Crypto.OpenSsl;

namespace TnAcme.Crypto;

/// <summary>
/// An ECDSA public key on P-256, P-384 or P-521 that verifies signatures of untrusted requests: JWS (ES256/ES384),
/// Authority Tokens, CSR self-signatures. Creation validates the key (uncompressed point, coordinates below p, on the
/// curve); Verify answers true or false for any input and never throws for a hostile signature. Thread-safe: many
/// threads may verify with one key at once.
/// </summary>
/// <remarks>
/// On Linux the key lives in OpenSSL's low-level EC_KEY (<see cref="EcdsaImplementation.OpenSsl"/>), which is about
/// ten times faster to create and a third faster to verify with than .NET's <see cref="ECDsa"/> (see
/// <see cref="OpenSslEcdsaVerifier"/> for why, and why its lighter key check is enough); elsewhere, or with
/// TNACME_ECDSA_IMPLEMENTATION=dotnet, it is .NET's ECDsa. Both give the same answers.
/// </remarks>
public sealed class EcdsaPublicKey : IDisposable
{
    private const int MaxDigestLength = 64;

    private readonly EcdsaVerifierCore _core;
    private volatile bool _disposed;

    private EcdsaPublicKey(EcdsaCurve curve, EcdsaImplementation implementation, EcdsaVerifierCore core)
    {
        Curve = curve;
        Implementation = implementation;
        _core = core;
    }

    /// <summary>OpenSSL when libcrypto.so.3 is usable and TNACME_ECDSA_IMPLEMENTATION is not "dotnet"; else .NET.</summary>
    public static EcdsaImplementation DefaultImplementation { get; } =
        ImplementationChoice.Resolve(Environment.GetEnvironmentVariable(ImplementationChoice.EnvironmentVariable), LibCrypto.IsAvailable);

    public EcdsaCurve Curve { get; }

    public EcdsaImplementation Implementation { get; }

    public static bool IsSupported(EcdsaImplementation implementation) =>
        implementation == EcdsaImplementation.DotNet || (implementation == EcdsaImplementation.OpenSsl && LibCrypto.IsAvailable);

    /// <summary>The key (x, y) of <paramref name="curve"/>; throws <see cref="CryptographicException"/> saying why it is not one.</summary>
    public static EcdsaPublicKey Create(EcdsaCurve curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) =>
        Create(curve, x, y, DefaultImplementation);

    /// <inheritdoc cref="Create(EcdsaCurve, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public static EcdsaPublicKey Create(EcdsaCurve curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, EcdsaImplementation implementation) =>
        CreateCore(curve, x, y, implementation, out string? error) ?? throw new CryptographicException(error);

    /// <summary>Like <see cref="Create(EcdsaCurve, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, false instead of an exception.</summary>
    public static bool TryCreate(EcdsaCurve curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, [NotNullWhen(true)] out EcdsaPublicKey? key) =>
        TryCreate(curve, x, y, DefaultImplementation, out key);

    /// <inheritdoc cref="TryCreate(EcdsaCurve, ReadOnlySpan{byte}, ReadOnlySpan{byte}, out EcdsaPublicKey?)"/>
    public static bool TryCreate(
        EcdsaCurve curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, EcdsaImplementation implementation, [NotNullWhen(true)] out EcdsaPublicKey? key)
    {
        key = CreateCore(curve, x, y, implementation, out _);
        return key is not null;
    }

    /// <summary>
    /// The key of a DER SubjectPublicKeyInfo: id-ecPublicKey, a namedCurve (P-256, P-384, P-521), an uncompressed
    /// point on the curve, nothing after. Explicit or implicit curve parameters, other curves and algorithms,
    /// compressed points and malformed DER are refused with a <see cref="CryptographicException"/> saying why.
    /// </summary>
    public static EcdsaPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        FromSubjectPublicKeyInfo(subjectPublicKeyInfo, DefaultImplementation);

    /// <inheritdoc cref="FromSubjectPublicKeyInfo(ReadOnlySpan{byte})"/>
    public static EcdsaPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo, EcdsaImplementation implementation) =>
        FromSubjectPublicKeyInfoCore(subjectPublicKeyInfo, implementation, out string? error) ?? throw new CryptographicException(error);

    /// <summary>Like <see cref="FromSubjectPublicKeyInfo(ReadOnlySpan{byte})"/>, false instead of an exception.</summary>
    public static bool TryFromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo, [NotNullWhen(true)] out EcdsaPublicKey? key) =>
        TryFromSubjectPublicKeyInfo(subjectPublicKeyInfo, DefaultImplementation, out key);

    /// <inheritdoc cref="TryFromSubjectPublicKeyInfo(ReadOnlySpan{byte}, out EcdsaPublicKey?)"/>
    public static bool TryFromSubjectPublicKeyInfo(
        ReadOnlySpan<byte> subjectPublicKeyInfo, EcdsaImplementation implementation, [NotNullWhen(true)] out EcdsaPublicKey? key)
    {
        key = FromSubjectPublicKeyInfoCore(subjectPublicKeyInfo, implementation, out _);
        return key is not null;
    }

    /// <summary>Verifies a signature over <paramref name="data"/> hashed with the curve's JOSE hash (ES256: SHA-256, ES384: SHA-384, ES512: SHA-512).</summary>
    /// <exception cref="ObjectDisposedException">after <see cref="Dispose"/>.</exception>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, DSASignatureFormat format) =>
        Verify(data, signature, Curve.JoseHash, format);

    /// <summary>
    /// Verifies a signature over <paramref name="data"/> hashed with <paramref name="hash"/> (SHA-256, SHA-384 or
    /// SHA-512, whatever the curve: X.509's ecdsa-with-SHA*). False for a signature that is invalid, of the wrong
    /// length (P1363: exactly twice the coordinate length), with r or s outside [1, n − 1], or not DER.
    /// </summary>
    /// <exception cref="ArgumentException">for another hash or signature format.</exception>
    /// <exception cref="ObjectDisposedException">after <see cref="Dispose"/>.</exception>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash, DSASignatureFormat format)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> digest = stackalloc byte[MaxDigestLength];
        int length = CryptographicOperations.HashData(HashOf(hash), data, digest);
        return VerifyHash(digest[..length], signature, format);
    }

    /// <summary>Verifies a signature over a digest already computed (truncated to the order's length as ECDSA does).</summary>
    /// <exception cref="ArgumentException">for an empty digest or another signature format.</exception>
    /// <exception cref="ObjectDisposedException">after <see cref="Dispose"/>.</exception>
    public bool VerifyHash(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, DSASignatureFormat format)
    {
        // Before any early answer, so that a disposed key always says so (the native handle would too, but only when reached).
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (digest.IsEmpty)
        {
            throw new ArgumentException("the digest is empty", nameof(digest));
        }

        switch (format)
        {
            case DSASignatureFormat.IeeeP1363FixedFieldConcatenation:
                int n = Curve.CoordinateLength;
                // OpenSSL and .NET check the range too; checking here keeps the two implementations' answers equal by construction.
                if (signature.Length != 2 * n || !Curve.IsValidScalar(signature[..n]) || !Curve.IsValidScalar(signature[n..]))
                {
                    return false;
                }

                break;
            case DSASignatureFormat.Rfc3279DerSequence:
                if (signature.IsEmpty)
                {
                    return false;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a signature format");
        }

        return _core.VerifyHash(digest, signature, format);
    }

    /// <summary>Whether verifications go through a table of the key's multiples (OpenSSL, P-256, a key that verifies often).</summary>
    internal bool HasFixedPointTable => _core is OpenSslEcdsaVerifier { HasTable: true };

    /// <summary>Builds that table now instead of at the key's <see cref="OpenSslEcdsaVerifier.TableAfter"/>th verification; false where there is none.</summary>
    internal bool TryBuildFixedPointTable() => _core is OpenSslEcdsaVerifier openSsl && openSsl.TryBuildTable();

    /// <summary>Keeps the key from ever getting that table (benchmarks compare verification with and without).</summary>
    internal void NeverBuildFixedPointTable() => (_core as OpenSslEcdsaVerifier)?.NeverBuildTable();

    /// <summary>Frees the key object. A verification running on another thread finishes first (OpenSSL) or throws.</summary>
    public void Dispose()
    {
        _disposed = true;
        _core.Dispose();
    }

    private static HashAlgorithmName HashOf(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA256 || hash == HashAlgorithmName.SHA384 || hash == HashAlgorithmName.SHA512
            ? hash
            : throw new ArgumentException($"ECDSA verification hashes with SHA-256, SHA-384 or SHA-512, not {hash.Name}", nameof(hash));

    private static EcdsaPublicKey? CreateCore(EcdsaCurve curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, EcdsaImplementation implementation, out string? error)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (x.Length != curve.CoordinateLength || y.Length != curve.CoordinateLength)
        {
            error = $"{curve.Name} coordinates are {curve.CoordinateLength} octets each, not {x.Length} and {y.Length}";
            return null;
        }

        Span<byte> point = stackalloc byte[EcdsaCurve.P521.UncompressedPointLength];
        point = point[..curve.UncompressedPointLength];
        UncompressedPoint.Write(x, y, point);
        return FromPoint(curve, point, implementation, out error);
    }

    private static EcdsaPublicKey? FromSubjectPublicKeyInfoCore(ReadOnlySpan<byte> spki, EcdsaImplementation implementation, out string? error)
    {
        error = SubjectPublicKeyInfoReader.TryRead(spki, out EcdsaCurve? curve, out ReadOnlySpan<byte> point);
        return error is null ? FromPoint(curve!, point, implementation, out error) : null;
    }

    private static EcdsaPublicKey? FromPoint(EcdsaCurve curve, ReadOnlySpan<byte> point, EcdsaImplementation implementation, out string? error)
    {
        EcdsaVerifierCore? core = implementation switch
        {
            EcdsaImplementation.OpenSsl => OpenSslEcdsaVerifier.TryCreate(curve, point, out error),
            EcdsaImplementation.DotNet => DotNetEcdsaVerifier.TryCreate(curve, point, out error),
            _ => throw new ArgumentOutOfRangeException(nameof(implementation), implementation, "not an ECDSA implementation"),
        };
        return core is null ? null : new EcdsaPublicKey(curve, implementation, core);
    }
}
