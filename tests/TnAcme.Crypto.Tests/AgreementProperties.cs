using System.Security.Cryptography;
using FsCheck.Xunit;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>For arbitrary messages and flipped bits, both implementations answer as .NET's ECDsa does.</summary>
public sealed class AgreementProperties : IDisposable
{
    private readonly ECDsa _key = TestKeys.Generate(EcdsaCurve.P256);
    private readonly EcdsaPublicKey _openSsl;
    private readonly EcdsaPublicKey _dotNet;

    public AgreementProperties()
    {
        _openSsl = TestKeys.Public(_key, EcdsaCurve.P256, EcdsaImplementation.OpenSsl);
        _dotNet = TestKeys.Public(_key, EcdsaCurve.P256, EcdsaImplementation.DotNet);
    }

    public void Dispose()
    {
        _openSsl.Dispose();
        _dotNet.Dispose();
        _key.Dispose();
    }

    [Property(MaxTest = 200)]
    public void Signed_messages_verify_and_flipped_bits_do_not(byte[] data, bool der, byte flip, bool flipData)
    {
        DSASignatureFormat format = der ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
        byte[] signature = _key.SignData(data, HashAlgorithmName.SHA256, format);
        Assert.True(_openSsl.Verify(data, signature, format));
        Assert.True(_dotNet.Verify(data, signature, format));

        byte[] d = data, s = signature;
        if (flipData && data.Length > 0)
        {
            d = (byte[])data.Clone();
            d[flip % d.Length] ^= (byte)(1 << (flip % 8));
        }
        else
        {
            s = (byte[])signature.Clone();
            s[flip % s.Length] ^= (byte)(1 << (flip % 8));
        }

        bool expected = Reference.Verify(_key, d, s, HashAlgorithmName.SHA256, format);
        Assert.False(expected);
        Assert.Equal(expected, _openSsl.Verify(d, s, format));
        Assert.Equal(expected, _dotNet.Verify(d, s, format));
    }
}
