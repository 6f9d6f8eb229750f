using System.Text.Json.Nodes;

namespace TnAcme.Cli.Tests;

/// <summary>The operator verbs end to end: ca init, ca issue, cert show, ca revoke, ca crl, checked with OpenSSL.</summary>
public sealed class CaVerbsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-cli-" + Guid.NewGuid().ToString("N"));

    private string DataDir => Path.Combine(_dir, "data");

    private string P(string name) => Path.Combine(_dir, name);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        JsonObject init = await TnAcmeProcess.Default.RunJsonAsync(0, "ca", "init", "--data-dir", DataDir);
        Assert.Equal("generated", (string?)init["mode"]);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<string> OpensslCsrAsync(string name, string tnAuthListDerHex, string cn = "SHAKEN 1234")
    {
        string key = P(name + ".key"), cnf = P(name + ".cnf"), csr = P(name + ".csr");
        Assert.Equal(0, (await TnAcmeProcess.Default.ExecAsync("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key)).ExitCode);
        await File.WriteAllTextAsync(cnf, $"""
            [req]
            distinguished_name=dn
            req_extensions=ext
            prompt=no
            [dn]
            CN={cn}
            O=Example Carrier
            C=US
            [ext]
            1.3.6.1.5.5.7.1.26=DER:{tnAuthListDerHex}
            """);
        var run = await TnAcmeProcess.Default.ExecAsync("openssl", "req", "-new", "-key", key, "-config", cnf, "-out", csr);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return csr;
    }

    [Fact]
    public async Task Issue_show_revoke_and_publish_a_crl()
    {
        string csr = await OpensslCsrAsync("sp", "3008A006160431323334");
        JsonObject issued = await TnAcmeProcess.Default.RunJsonAsync(0, "ca", "issue", "--data-dir", DataDir, "--csr", csr, "--profile", "shaken-sp", "--out", P("sp.pem"));
        string serial = (string)issued["serial"]!;
        Assert.Equal("MAigBhYEMTIzNA", (string?)issued["tnAuthList"]);

        var verify = await TnAcmeProcess.Default.ExecAsync("openssl", "verify", "-CAfile", Path.Combine(DataDir, "ca", "root.crt.pem"), "-untrusted", P("sp.pem"), P("sp.pem"));
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);

        JsonObject shown = await TnAcmeProcess.Default.RunJsonAsync(0, "cert", "show", P("sp.pem"));
        Assert.Equal("shaken-sp", (string?)shown["profile"]);
        Assert.Empty(shown["lintFindings"]!.AsArray());
        Assert.Equal("1234", (string?)shown["tnAuthList"]!["entries"]![0]!["spc"]);
        Assert.Equal(serial, (string?)shown["serial"]);

        var text = await TnAcmeProcess.Default.RunAsync("cert", "show", P("sp.pem"));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("profile: shaken-sp", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("{\"spc\":\"1234\"}", text.Stdout, StringComparison.Ordinal);

        await TnAcmeProcess.Default.RunJsonAsync(0, "ca", "revoke", "--data-dir", DataDir, "--serial", serial, "--reason", "KeyCompromise");
        JsonObject again = await TnAcmeProcess.Default.RunJsonAsync(5, "ca", "revoke", "--data-dir", DataDir, "--serial", serial);
        Assert.Contains("already revoked", (string?)again["error"], StringComparison.Ordinal);

        JsonObject crl = await TnAcmeProcess.Default.RunJsonAsync(0, "ca", "crl", "--data-dir", DataDir, "--out", P("ca.crl"));
        Assert.Equal(1, (int)crl["entries"]!);
        var parsed = await TnAcmeProcess.Default.ExecAsync("openssl", "crl", "-inform", "DER", "-in", P("ca.crl"), "-CAfile", Path.Combine(DataDir, "ca", "issuing.crt.pem"), "-noout", "-text");
        Assert.Contains("verify OK", parsed.Stdout + parsed.Stderr, StringComparison.Ordinal);
        Assert.Contains(serial, parsed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Key Compromise", parsed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_carry_meaningful_exit_codes()
    {
        string csr = await OpensslCsrAsync("sp", "3008A006160431323334");

        JsonObject refused = await TnAcmeProcess.Default.RunJsonAsync(3, "ca", "issue", "--data-dir", DataDir, "--csr", csr, "--profile", "tn-shortlived", "--out", P("x.pem"));
        Assert.Contains(refused["details"]!.AsArray(), d => ((string)d!).StartsWith("e_tnauthlist_shape", StringComparison.Ordinal));
        Assert.False(File.Exists(P("x.pem")));

        await File.WriteAllTextAsync(P("garbage.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nMAMCAQA=\n-----END CERTIFICATE REQUEST-----\n");
        await TnAcmeProcess.Default.RunJsonAsync(4, "ca", "issue", "--data-dir", DataDir, "--csr", P("garbage.csr"), "--profile", "shaken-sp", "--out", P("x.pem"));

        await TnAcmeProcess.Default.RunJsonAsync(2, "ca", "issue", "--data-dir", DataDir, "--csr", csr, "--profile", "delegate-ca", "--out", P("x.pem"));
        await TnAcmeProcess.Default.RunJsonAsync(2, "ca", "issue", "--data-dir", DataDir, "--csr", csr, "--profile", "no-such-profile", "--out", P("x.pem"));
        await TnAcmeProcess.Default.RunJsonAsync(5, "ca", "init", "--data-dir", DataDir);
        await TnAcmeProcess.Default.RunJsonAsync(5, "ca", "issue", "--data-dir", P("empty"), "--csr", csr, "--profile", "shaken-sp", "--out", P("x.pem"));

        var usage = await TnAcmeProcess.Default.RunAsync("ca", "issue", "--no-such-switch");
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task Tn_shortlived_and_delegate_ca_from_an_operator_grant()
    {
        string csr = await OpensslCsrAsync("tn", "300FA20D160B3132313235353531383234", cn: "device");
        JsonObject tn = await TnAcmeProcess.Default.RunJsonAsync(0, "ca", "issue", "--data-dir", DataDir, "--csr", csr, "--profile", "tn-shortlived", "--out", P("tn.pem"));
        var span = DateTimeOffset.Parse((string)tn["notAfter"]!, System.Globalization.CultureInfo.InvariantCulture) -
                   DateTimeOffset.Parse((string)tn["notBefore"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(span.TotalHours, 24, 24.1);

        JsonObject shown = await TnAcmeProcess.Default.RunJsonAsync(0, "cert", "show", P("tn.pem"));
        Assert.Equal("tn-shortlived", (string?)shown["profile"]);
        Assert.True((bool)shown["noRevAvail"]!);

        JsonObject dca = await TnAcmeProcess.Default.RunJsonAsync(0, "ca", "issue", "--data-dir", DataDir, "--csr", csr, "--profile", "delegate-ca",
            "--tnauthlist", "MBWhEzARFgsxMjEyNTU1MTAwMAICA-g", "--organization", "Enterprise", "--out", P("dca.pem"));
        JsonObject dcaShown = await TnAcmeProcess.Default.RunJsonAsync(0, "cert", "show", P("dca.pem"));
        Assert.Equal("delegate-ca", (string?)dcaShown["profile"]);
        Assert.Equal(1000, (int)dcaShown["tnAuthList"]!["entries"]![0]!["range"]!["count"]!);
        Assert.NotNull(dca["serial"]);
    }
}
