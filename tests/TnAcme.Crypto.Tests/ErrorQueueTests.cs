using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TnAcme.Crypto.Tests.Support;

namespace TnAcme.Crypto.Tests;

/// <summary>
/// A refused key or signature leaves nothing in the thread's OpenSSL error queue, where .NET's own OpenSSL calls on
/// that thread could pick it up.
/// </summary>
public sealed class ErrorQueueTests
{
    [Fact]
    public void Failures_leave_the_error_queue_empty()
    {
        if (!EcdsaPublicKey.IsSupported(EcdsaImplementation.OpenSsl))
        {
            return;
        }

        ErrClearError();
        using ECDsa key = TestKeys.Generate(EcdsaCurve.P256);
        (byte[] x, byte[] y) = TestKeys.Point(key);
        byte[] offY = (byte[])y.Clone();
        offY[^1] ^= 1;
        Assert.False(EcdsaPublicKey.TryCreate(EcdsaCurve.P256, x, offY, EcdsaImplementation.OpenSsl, out _));
        Assert.Equal(0UL, (ulong)ErrPeekError());

        using EcdsaPublicKey verifier = EcdsaPublicKey.Create(EcdsaCurve.P256, x, y, EcdsaImplementation.OpenSsl);
        byte[] data = [1];
        // Not DER: ECDSA_verify answers −1 and queues a decoding error.
        Assert.False(verifier.Verify(data, [0x30, 0x03, 0x02, 0x01], DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(0UL, (ulong)ErrPeekError());
        // r = n in DER reaches ECDSA_do_verify, which answers 0 and queues EC_R_BAD_SIGNATURE.
        byte[] order = EcdsaCurve.P256.Order.ToArray();
        byte[] rIsN = [0x30, 0x26, 0x02, 0x21, 0x00, .. order, 0x02, 0x01, 0x01];
        Assert.False(verifier.Verify(data, rIsN, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(0UL, (ulong)ErrPeekError());
        byte[] signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature[5] ^= 1;
        Assert.False(verifier.Verify(data, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(0UL, (ulong)ErrPeekError());
    }

    // DllImport rather than LibraryImport: blittable, and the test project needs no unsafe code for it.
    [DllImport("libcrypto.so.3", EntryPoint = "ERR_peek_error")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nuint ErrPeekError();

    [DllImport("libcrypto.so.3", EntryPoint = "ERR_clear_error")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void ErrClearError();
}
