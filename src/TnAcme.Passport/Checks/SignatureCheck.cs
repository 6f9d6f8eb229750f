using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>The ES256 signature over the received header.payload, with the signing certificate's P-256 key.</summary>
internal static class SignatureCheck
{
    public static PassportCheck Run(ParsedPassport p, X509Certificate2 leaf)
    {
        using ECDsa? key = leaf.GetECDsaPublicKey();
        if (key is null || !Es256.IsP256(key))
        {
            string what = key is null ? $"a {leaf.PublicKey.Oid.FriendlyName ?? leaf.PublicKey.Oid.Value} key" : $"an EC key of {key.KeySize} bits on another curve";
            return PassportCheck.Fail(N.Signature, $"the certificate holds {what}; ES256 needs EC P-256");
        }

        if (p.Signature.Length != Es256.SignatureLength)
        {
            return PassportCheck.Fail(N.Signature, $"the signature has {p.Signature.Length} bytes; ES256 uses 64 (r||s, RFC 7518 §3.4)");
        }

        return Es256.Verify(key, p.SigningInput, p.Signature)
            ? PassportCheck.Pass(N.Signature, $"ES256 signature verifies with the key of {leaf.Subject}")
            : PassportCheck.Fail(N.Signature, $"the ES256 signature does not verify with the key of {leaf.Subject}");
    }
}
