using System.Security.Cryptography;

namespace TnAcme.Crypto.Tests.Support;

/// <summary>Keys made and signed with by .NET's ECDsa, the reference the implementations are compared with.</summary>
internal static class TestKeys
{
    public static readonly EcdsaCurve[] Curves = [EcdsaCurve.P256, EcdsaCurve.P384, EcdsaCurve.P521];

    public static readonly DSASignatureFormat[] Formats =
        [DSASignatureFormat.IeeeP1363FixedFieldConcatenation, DSASignatureFormat.Rfc3279DerSequence];

    /// <summary>Both implementations: every behaviour test runs on each.</summary>
    public static TheoryData<EcdsaImplementation> Implementations => [EcdsaImplementation.OpenSsl, EcdsaImplementation.DotNet];

    public static TheoryData<EcdsaImplementation, string> ImplementationsAndCurves
    {
        get
        {
            var data = new TheoryData<EcdsaImplementation, string>();
            foreach (EcdsaImplementation implementation in Enum.GetValues<EcdsaImplementation>())
            {
                foreach (EcdsaCurve curve in Curves)
                {
                    data.Add(implementation, curve.Name);
                }
            }

            return data;
        }
    }

    public static EcdsaCurve Curve(string name) => EcdsaCurve.FromName(name) ?? throw new ArgumentException(name);

    public static ECDsa Generate(EcdsaCurve curve) => ECDsa.Create(curve.NamedCurve);

    public static (byte[] X, byte[] Y) Point(ECDsa key)
    {
        ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
        return (parameters.Q.X!, parameters.Q.Y!);
    }

    public static EcdsaPublicKey Public(ECDsa key, EcdsaCurve curve, EcdsaImplementation implementation)
    {
        (byte[] x, byte[] y) = Point(key);
        return EcdsaPublicKey.Create(curve, x, y, implementation);
    }

    /// <summary>An uncompressed point 04 ‖ X ‖ Y.</summary>
    public static byte[] Uncompressed(byte[] x, byte[] y) => [0x04, .. x, .. y];

    /// <summary>The field prime p of a curve, from .NET's explicit parameters (a = −3, so p = a + 3).</summary>
    public static byte[] Prime(EcdsaCurve curve)
    {
        using ECDsa key = Generate(curve);
        return key.ExportExplicitParameters(includePrivateParameters: false).Curve.Prime!;
    }
}
