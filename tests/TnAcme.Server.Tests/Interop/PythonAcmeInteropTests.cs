using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests.Interop;

/// <summary>An independent client: Debian's python3-acme drives a whole TNAuthList + tkauth-01 issuance with EAB.</summary>
[Collection(ServerCollection.Name)]
public sealed class PythonAcmeInteropTests
{
    private readonly ServerFixture _fixture;

    public PythonAcmeInteropTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Python3_acme_issues_an_spc_certificate()
    {
        Assert.True(File.Exists("/usr/lib/python3/dist-packages/acme/client.py"), "python3-acme is not installed; scripts/test installs it (apt-get install python3-acme)");
        string dir = Path.Combine(_fixture.DataDirectory, "python-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);

        using var accountKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string accountKeyPath = Path.Combine(dir, "account.key");
        await File.WriteAllTextAsync(accountKeyPath, accountKey.ExportPkcs8PrivateKeyPem());
        byte[] thumbprint = JsonWebKey.FromPublicKey(accountKey).Thumbprint();

        TnAuthList list = TnAuthList.Create(TnEntry.OfSpc("818H"));
        string token = _fixture.TokenAuthority.Mint(list, thumbprint);
        using var certKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string csrPath = Path.Combine(dir, "cert.csr");
        await File.WriteAllTextAsync(csrPath, PemEncoding.WriteString("CERTIFICATE REQUEST", AcmeFlow.Csr(list, certKey, subject: "CN=SHAKEN 818H, O=Python Carrier, C=US")));
        var eab = await _fixture.NewEabKeyAsync("Python Carrier");
        string chainPath = Path.Combine(dir, "chain.pem");

        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Interop", "python_acme_tkauth.py"),
            _fixture.Server.DirectoryUrl, Path.Combine(_fixture.DataDirectory, "ca", "root.crt.pem"), accountKeyPath,
            eab.KeyId, Base64Url.Encode(eab.HmacKey), TnAuthListIdentifier.Encode(list), token, csrPath, chainPath,
        })
        {
            info.ArgumentList.Add(a);
        }

        using Process python = Process.Start(info)!;
        Task<string> stdout = python.StandardOutput.ReadToEndAsync();
        Task<string> stderr = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await python.WaitForExitAsync(timeout.Token);
        string output = await stdout + await stderr;
        Assert.True(python.ExitCode == 0, output);
        Assert.True(output.Contains("status valid", StringComparison.Ordinal), output);

        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(await File.ReadAllTextAsync(chainPath));
        Assert.Equal("CN=SHAKEN 818H, O=Python Carrier, C=US", chain[0].Subject);
        Assert.Equal(Convert.ToHexString(list.Der), Convert.ToHexString(chain[0].Extensions[StirOids.TnAuthList]!.RawData));
    }
}
