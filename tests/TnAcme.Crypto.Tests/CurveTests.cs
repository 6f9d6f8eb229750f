using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

public sealed class CurveTests
{
    [Theory]
    [InlineData("P-256")]
    [InlineData("P-384")]
    [InlineData("P-521")]
    public void Constants_agree_with_dotnet_explicit_parameters(string name)
    {
        EcdsaCurve curve = TestKeys.Curve(name);
        using ECDsa key = TestKeys.Generate(curve);
        ECCurve explicitCurve = key.ExportExplicitParameters(includePrivateParameters: false).Curve;
        Assert.Equal(explicitCurve.Order, curve.Order.ToArray());
        Assert.Equal(explicitCurve.Prime!.Length, curve.CoordinateLength);
        Assert.Equal(1, explicitCurve.Cofactor!.Single());
        Assert.Equal(curve.NamedCurve.Oid.Value, curve.Oid);
        Assert.Same(curve, EcdsaCurve.FromOid(curve.Oid));
        Assert.Same(curve, EcdsaCurve.FromName(curve.Name));
    }

    [Fact]
    public void Jose_hashes_pair_with_the_curves()
    {
        Assert.Equal(HashAlgorithmName.SHA256, EcdsaCurve.P256.JoseHash);
        Assert.Equal(HashAlgorithmName.SHA384, EcdsaCurve.P384.JoseHash);
        Assert.Equal(HashAlgorithmName.SHA512, EcdsaCurve.P521.JoseHash);
        Assert.Null(EcdsaCurve.FromName("secp256k1"));
        Assert.Null(EcdsaCurve.FromOid("1.3.132.0.10"));
    }
}
