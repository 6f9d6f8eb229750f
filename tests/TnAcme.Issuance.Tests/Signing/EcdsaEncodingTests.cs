using System.Formats.Asn1;
using System.Security.Cryptography;
using FsCheck.Xunit;
using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Tests.Signing;

public sealed class EcdsaEncodingTests
{
    /// <summary>Right-aligns up to 32 bytes of <paramref name="bytes"/> into a 32-byte field: short inputs give leading zeros.</summary>
    private static byte[] Field(byte[] bytes)
    {
        var field = new byte[32];
        var take = Math.Min(bytes.Length, 32);
        bytes.AsSpan(0, take).CopyTo(field.AsSpan(32 - take));
        return field;
    }

    private static byte[] Minimal(byte[] field)
    {
        var trimmed = field.AsSpan().TrimStart((byte)0).ToArray();
        return trimmed.Length > 0 && (trimmed[0] & 0x80) != 0 ? [0, .. trimmed] : trimmed;
    }

    [Property(MaxTest = 500)]
    public void Raw_to_DER_writes_two_minimal_positive_INTEGERs_equal_to_r_and_s(byte[] rBytes, byte[] sBytes)
    {
        var r = Field(rBytes ?? []);
        var s = Field(sBytes ?? []);
        byte[] raw = [.. r, .. s];

        if (r.All(b => b == 0) || s.All(b => b == 0))
        {
            Assert.Throws<CryptographicException>(() => EcdsaEncoding.RawSignatureToDer(raw));
            return;
        }

        var der = EcdsaEncoding.RawSignatureToDer(raw);
        var (readR, readS) = SignatureChecks.AssertStrictDer(der); // DER reader rejects non-minimal INTEGERs
        Assert.Equal(Minimal(r), readR);
        Assert.Equal(Minimal(s), readS);
    }

    [Fact]
    public void High_bit_and_leading_zero_edge_cases()
    {
        byte[] highBit = [0x80, .. new byte[31]];
        byte[] one = [.. new byte[31], 0x01];
        var der = EcdsaEncoding.RawSignatureToDer([.. highBit, .. one]);
        Assert.Equal(Convert.FromHexString("3026" + "022100" + "80" + new string('0', 62) + "020101"), der);
    }

    [Property(MaxTest = 100)]
    public void Raw_signature_from_dotnet_converted_to_DER_verifies(byte[] data)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var raw = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var der = EcdsaEncoding.RawSignatureToDer(raw);
        Assert.True(key.VerifyData(data, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(72)]
    public void Raw_signature_of_wrong_length_is_rejected(int length) =>
        Assert.Throws<CryptographicException>(() => EcdsaEncoding.RawSignatureToDer(new byte[length]));

    [Fact]
    public void EC_point_wrapped_in_an_OCTET_STRING_or_bare_gives_the_dotnet_SubjectPublicKeyInfo()
    {
        for (var i = 0; i < 50; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = key.ExportParameters(false).Q;
            byte[] point = [0x04, .. q.X!, .. q.Y!];
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteOctetString(point);
            var wrapped = writer.Encode();

            Assert.Equal(point, EcdsaEncoding.UncompressedPointFromCkaEcPoint(wrapped));
            Assert.Equal(point, EcdsaEncoding.UncompressedPointFromCkaEcPoint(point));
            Assert.Equal(key.ExportSubjectPublicKeyInfo(), EcdsaEncoding.P256SubjectPublicKeyInfo(point));
        }
    }

    [Fact]
    public void Malformed_EC_points_are_rejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        byte[] point = [0x04, .. q.X!, .. q.Y!];

        byte[] compressed = [0x02, .. q.X!];
        Assert.Throws<CryptographicException>(() => EcdsaEncoding.UncompressedPointFromCkaEcPoint(compressed));
        Assert.Throws<CryptographicException>(() => EcdsaEncoding.UncompressedPointFromCkaEcPoint([0x04, 0x21, .. compressed]));
        Assert.Throws<CryptographicException>(() => EcdsaEncoding.UncompressedPointFromCkaEcPoint([0x04, 0x41, .. point, 0x00]));
        Assert.Throws<CryptographicException>(() => EcdsaEncoding.UncompressedPointFromCkaEcPoint(point[..64]));

        var offCurve = (byte[])point.Clone();
        offCurve[^1] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => EcdsaEncoding.P256SubjectPublicKeyInfo(offCurve));
    }
}
