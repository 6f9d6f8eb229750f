using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Grants;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>Operator functions and the state folder, without HTTP.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tnacme-ta-admin-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_api_key_is_shown_once_and_only_its_hash_is_stored()
    {
        var admin = new TokenAuthorityAdmin(_directory);
        CreatedTaAccount created = await admin.CreateAccountAsync("Carrier X", id: "281K");
        Assert.Equal("281K", created.Account.Id);
        Assert.StartsWith("tnta_", created.ApiKey, StringComparison.Ordinal);
        string file = await File.ReadAllTextAsync(Path.Combine(_directory, "grants.json"));
        Assert.DoesNotContain(created.ApiKey, file, StringComparison.Ordinal);
        Assert.DoesNotContain(created.ApiKey["tnta_".Length..], file, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "grants.json")));
    }

    [Fact]
    public async Task Duplicate_ids_and_unknown_accounts_are_refused()
    {
        var admin = new TokenAuthorityAdmin(_directory);
        await admin.CreateAccountAsync("A", id: "acct-1");
        await Assert.ThrowsAsync<TokenAuthorityAdminException>(() => admin.CreateAccountAsync("B", id: "acct-1"));
        await Assert.ThrowsAsync<TokenAuthorityAdminException>(() => admin.CreateAccountAsync("B", id: "../etc"));
        await Assert.ThrowsAsync<TokenAuthorityAdminException>(() => admin.GrantAsync("nobody", [TnEntry.OfSpc("1234")]));
    }

    [Fact]
    public async Task Grants_are_listed_deduplicated_and_revoked_whole()
    {
        var admin = new TokenAuthorityAdmin(_directory);
        string id = (await admin.CreateAccountAsync("Carrier X")).Account.Id;
        await admin.GrantAsync(id, [TnEntry.OfSpc("1234"), TnEntry.OfRange("12025550100", 100)]);
        await admin.GrantAsync(id, [TnEntry.OfSpc("1234"), TnEntry.OfNumber("12025550999")], mayDelegate: true);

        TaAccount listed = Assert.Single(await admin.ListAsync());
        Assert.Equal(
            ["spc:1234 (may delegate)", "range:12025550100+100", "tn:12025550999 (may delegate)"],
            listed.Grants.Select(g => g.ToString()));

        await Assert.ThrowsAsync<TokenAuthorityAdminException>(() => admin.RevokeAsync(id, [TnEntry.OfRange("12025550100", 10)]));
        TaAccount after = await admin.RevokeAsync(id, [TnEntry.OfRange("12025550100", 100)]);
        Assert.Equal(["spc:1234", "tn:12025550999"], after.Grants.Select(g => GrantSyntax.Format(g.Entry)));
    }

    [Fact]
    public async Task Keys_are_generated_once_and_written_0600()
    {
        var options = new TokenAuthorityOptions { Directory = _directory, BaseUri = new Uri("https://ta.example:9443/") };
        string rootThumbprint;
        using (TokenAuthority first = await TokenAuthority.OpenAsync(options))
        {
            rootThumbprint = first.RootCertificate.Thumbprint;
            Assert.True(first.RootCertificate.Extensions["2.5.29.19"] is X509BasicConstraintsExtension { CertificateAuthority: true });
            Assert.True(first.SignerCertificate.Extensions["2.5.29.15"] is X509KeyUsageExtension { KeyUsages: X509KeyUsageFlags.DigitalSignature });
        }

        using TokenAuthority second = await TokenAuthority.OpenAsync(options);
        Assert.Equal(rootThumbprint, second.RootCertificate.Thumbprint);
        foreach (string key in new[] { "root.key.pem", "signer.key.pem" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, key)));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
        Assert.Equal("https://ta.example:9443/ta/cert.pem", second.Urls.Certificate);
        Assert.Equal("ta.example:9443", second.Urls.HostPort);
    }

    [Fact]
    public async Task A_renewed_and_revoked_signer_is_listed_on_the_crl()
    {
        var options = new TokenAuthorityOptions { Directory = _directory, BaseUri = new Uri("https://127.0.0.1:9443") };
        string oldSerial;
        using (TokenAuthority ta = await TokenAuthority.OpenAsync(options))
        {
            oldSerial = ta.SignerCertificate.SerialNumber;
        }

        string newSerial = await new TokenAuthorityAdmin(_directory).RenewSignerAsync(revokeCurrent: true);
        Assert.NotEqual(oldSerial, newSerial);
        using TokenAuthority reopened = await TokenAuthority.OpenAsync(options);
        Assert.Equal(newSerial, reopened.SignerCertificate.SerialNumber);
        byte[] crl = await reopened.CrlAsync();
        _ = CertificateRevocationListBuilder.Load(crl, out BigInteger _);
        var parsed = new Org.BouncyCastle.X509.X509CrlParser().ReadCrl(crl);
        var revoked = Assert.Single(parsed.GetRevokedCertificates());
        Assert.Equal(oldSerial, revoked.SerialNumber.ToString(16).ToUpperInvariant().PadLeft(oldSerial.Length, '0'));
    }

    [Fact]
    public void Grant_syntax_reads_the_three_kinds_and_refuses_nonsense()
    {
        Assert.Equal(TnEntry.OfSpc("1234"), GrantSyntax.Parse("spc:1234"));
        Assert.Equal(TnEntry.OfNumber("12025550100"), GrantSyntax.Parse("tn:12025550100"));
        Assert.Equal(TnEntry.OfRange("12025550100", 100), GrantSyntax.Parse("range:12025550100+100"));
        Assert.Throws<StirDecodeException>(() => GrantSyntax.Parse("range:12025550100"));
        Assert.Throws<StirDecodeException>(() => GrantSyntax.Parse("range:12025550100+1"));
        Assert.Throws<StirDecodeException>(() => GrantSyntax.Parse("tn:12a"));
        Assert.Throws<StirDecodeException>(() => GrantSyntax.Parse("dns:x"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
