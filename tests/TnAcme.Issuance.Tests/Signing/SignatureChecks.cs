using System.Formats.Asn1;
using System.Security.Cryptography;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.Signing;

/// <summary>Independent checks of a signer's output: .NET's ECDsa, a strict DER parse, and OpenSSL as an outside peer.</summary>
internal static class SignatureChecks
{
    public static bool VerifiesWithDotNet(ReadOnlyMemory<byte> spki, byte[] data, byte[] derSignature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(spki.Span, out _);
        return key.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Asserts the signature is exactly SEQUENCE { INTEGER r, INTEGER s } in DER (minimal, positive) and returns r and s.</summary>
    public static (byte[] R, byte[] S) AssertStrictDer(byte[] derSignature)
    {
        var reader = new AsnReader(derSignature, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var r = sequence.ReadIntegerBytes().ToArray();
        var s = sequence.ReadIntegerBytes().ToArray();
        sequence.ThrowIfNotEmpty();
        Assert.True((r[0] & 0x80) == 0, "r must be a positive INTEGER");
        Assert.True((s[0] & 0x80) == 0, "s must be a positive INTEGER");
        Assert.InRange(r.Length, 1, 33);
        Assert.InRange(s.Length, 1, 33);
        return (r, s);
    }

    /// <summary>Runs `openssl dgst -sha256 -verify pub.pem -signature sig.der data.bin` and returns its output.</summary>
    public static (int ExitCode, string Output) VerifyWithOpenSsl(ReadOnlyMemory<byte> spki, byte[] data, byte[] derSignature)
    {
        var openssl = ExternalTool.Require("openssl", "Install OpenSSL (Debian/Ubuntu: apt-get install openssl).");
        var dir = Directory.CreateTempSubdirectory("tnacme-openssl-").FullName;
        try
        {
            var pub = Path.Combine(dir, "pub.pem");
            var sig = Path.Combine(dir, "sig.der");
            var bin = Path.Combine(dir, "data.bin");
            File.WriteAllText(pub, PemEncoding.WriteString("PUBLIC KEY", spki.Span));
            File.WriteAllBytes(sig, derSignature);
            File.WriteAllBytes(bin, data);
            var (exit, stdout, stderr) = ExternalTool.Run(openssl, ["dgst", "-sha256", "-verify", pub, "-signature", sig, bin]);
            return (exit, (stdout + stderr).Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
