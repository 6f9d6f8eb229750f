using System.Text.Json.Nodes;

namespace TnAcme.Cli.Tests;

/// <summary>`tnacme ca init` with the issuing key generated inside SoftHSM2, then issuance signed by the token.</summary>
public sealed class Pkcs11CaTests : IAsyncLifetime
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-hsm-" + Guid.NewGuid().ToString("N"));
    private Dictionary<string, string> _environment = [];
    private TnAcmeProcess _tnacme = TnAcmeProcess.Default;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tokens"));
        string conf = Path.Combine(_dir, "softhsm2.conf");
        await File.WriteAllTextAsync(conf, $"directories.tokendir = {Path.Combine(_dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        _environment = new Dictionary<string, string>
        {
            ["SOFTHSM2_CONF"] = conf,
            ["TNACME_PKCS11_PIN"] = "4321",
        };
        _tnacme = new TnAcmeProcess(_environment);
        Assert.True(File.Exists(Module), $"SoftHSM2 is not installed ({Module}); the test command installs softhsm2");
        var init = await _tnacme.ExecAsync("softhsm2-util", "--init-token", "--free", "--label", "tnacme-ca", "--pin", "4321", "--so-pin", "8765");
        Assert.True(init.ExitCode == 0, init.Stdout + init.Stderr);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Issuing_key_lives_in_the_token_and_signs_verifiable_certificates()
    {
        string data = Path.Combine(_dir, "data");
        JsonObject init = await _tnacme.RunJsonAsync(0, "ca", "init", "--data-dir", data,
            "--pkcs11-library", Module, "--pkcs11-token", "tnacme-ca", "--pkcs11-key-label", "issuing");
        Assert.Equal("generated (issuing key in pkcs11)", (string?)init["mode"]);
        Assert.False(File.Exists(Path.Combine(data, "ca", "issuing.key.pem")));
        string caJson = await File.ReadAllTextAsync(Path.Combine(data, "ca", "ca.json"));
        Assert.DoesNotContain("4321", caJson, StringComparison.Ordinal);

        var list = await _tnacme.ExecAsync("pkcs11-tool", "--module", Module, "--token-label", "tnacme-ca", "--login", "--pin", "4321", "--list-objects");
        Assert.True(list.ExitCode == 0, list.Stdout + list.Stderr);
        Assert.Contains("label:      issuing", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("never extractable", list.Stdout, StringComparison.Ordinal);

        string csr = Path.Combine(_dir, "tn.csr");
        string key = Path.Combine(_dir, "tn.key");
        Assert.Equal(0, (await _tnacme.ExecAsync("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-subj", "/CN=device", "-addext", "1.3.6.1.5.5.7.1.26=DER:300FA20D160B3132313235353531383234", "-out", csr)).ExitCode);
        string leaf = Path.Combine(_dir, "tn.pem");
        await _tnacme.RunJsonAsync(0, "ca", "issue", "--data-dir", data, "--csr", csr, "--profile", "tn-shortlived", "--out", leaf);
        var verify = await _tnacme.ExecAsync("openssl", "verify", "-CAfile", Path.Combine(data, "ca", "root.crt.pem"), "-untrusted", leaf, leaf);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);

        // Without the PIN the CA cannot open its key, and says where the PIN is read from.
        var withoutPin = new TnAcmeProcess(new Dictionary<string, string>(_environment) { ["TNACME_PKCS11_PIN"] = string.Empty });
        JsonObject noPin = await withoutPin.RunJsonAsync(5, "ca", "issue", "--data-dir", data, "--csr", csr, "--profile", "tn-shortlived", "--out", leaf);
        Assert.Contains("TNACME_PKCS11_PIN", (string?)noPin["error"], StringComparison.Ordinal);
    }
}
