using System.Security.Cryptography;
using TnAcme.Acme;
using TnAcme.Issuance.Crl;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.Crl;

public sealed class CrlInteropTests : IAsyncLifetime
{
    private TestCa _ca = null!;

    public async Task InitializeAsync() => _ca = await TestCa.CreateAsync();

    public Task DisposeAsync()
    {
        _ca.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Openssl_verifies_the_crl_and_lists_each_serial_with_its_reason()
    {
        var registry = new RevocationRegistry(_ca.Folder);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        registry.Revoke("5A0102030405060708090A0B0C0D0E0F", RevocationReason.KeyCompromise, now);
        registry.Revoke("1B0102030405060708090A0B0C0D0E0F", RevocationReason.Superseded, now);
        registry.Revoke("2C0102030405060708090A0B0C0D0E0F", RevocationReason.Unspecified, now);
        Assert.Throws<InvalidOperationException>(() => registry.Revoke("5a0102030405060708090a0b0c0d0e0f", RevocationReason.KeyCompromise, now));

        byte[] crl = await CrlWriter.WriteAsync(_ca.Authority, registry.Read().Revoked, registry.NextCrlNumber(), now, now.AddHours(24));
        string path = _ca.Scratch.File("ca.crl");
        await File.WriteAllBytesAsync(path, crl);

        var run = await ExternalTool.RunAsync("openssl", "crl", "-inform", "DER", "-in", path, "-CAfile", _ca.Folder.IssuingCertificatePath, "-noout", "-text");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("verify OK", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Version 2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("X509v3 CRL Number", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("X509v3 Authority Key Identifier", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Serial Number: 5A0102030405060708090A0B0C0D0E0F", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Key Compromise", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Superseded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Serial Number: 2C0102030405060708090A0B0C0D0E0F", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crl_numbers_increase_and_a_tampered_crl_fails_verification()
    {
        var registry = new RevocationRegistry(_ca.Folder);
        Assert.Equal(1, (int)registry.NextCrlNumber());
        Assert.Equal(2, (int)registry.NextCrlNumber());

        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] crl = await CrlWriter.WriteAsync(_ca.Authority, [], 3, now, now.AddHours(1));
        crl[^5] ^= 0x01;
        string path = _ca.Scratch.File("tampered.crl");
        await File.WriteAllBytesAsync(path, crl);
        var run = await ExternalTool.RunAsync("openssl", "crl", "-inform", "DER", "-in", path, "-CAfile", _ca.Folder.IssuingCertificatePath, "-noout");
        Assert.DoesNotContain("verify OK", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
