using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace TnAcme.Passport;

/// <summary>
/// ES256 (RFC 7518 §3.4): ECDSA P-256 over SHA-256, signature as raw r||s (64 bytes). Signs deterministically
/// (RFC 6979, which RFC 8225 §4 recommends) when the private key can be exported, and with .NET's randomized
/// ECDSA otherwise (keys in hardware); verifiers cannot tell the two apart.
/// </summary>
internal sealed class Es256
{
    public const int SignatureLength = 64;
    private const int FieldLength = 32;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private static readonly ECDomainParameters P256 = new(ECNamedCurveTable.GetByName("P-256"));

    private readonly ECDsa _key;
    private readonly ECPrivateKeyParameters? _deterministic;

    public Es256(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsP256(key))
        {
            throw new ArgumentException("ES256 needs an EC P-256 key", nameof(key));
        }

        _key = key;
        _deterministic = TryExportPrivate(key);
    }

    public bool IsDeterministic => _deterministic is not null;

    public static bool IsP256(ECDsa key)
    {
        if (key.KeySize != 256)
        {
            return false;
        }

        ECCurve curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1");
    }

    public byte[] Sign(ReadOnlySpan<byte> signingInput)
    {
        if (_deterministic is null)
        {
            return _key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        byte[] hash = SHA256.HashData(signingInput);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(forSigning: true, _deterministic);
        Org.BouncyCastle.Math.BigInteger[] rs = signer.GenerateSignature(hash);
        byte[] signature = new byte[SignatureLength];
        rs[0].ToByteArrayUnsigned().CopyTo(signature.AsSpan(FieldLength - rs[0].GetLengthofByteArrayUnsigned()));
        rs[1].ToByteArrayUnsigned().CopyTo(signature.AsSpan(SignatureLength - rs[1].GetLengthofByteArrayUnsigned()));
        return signature;
    }

    public static bool Verify(ECDsa publicKey, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureLength &&
        publicKey.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private static ECPrivateKeyParameters? TryExportPrivate(ECDsa key)
    {
        ECParameters parameters;
        try
        {
            parameters = key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException)
        {
            return null;
        }

        try
        {
            return parameters.D is null ? null : new ECPrivateKeyParameters(new Org.BouncyCastle.Math.BigInteger(1, parameters.D), P256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }
}
