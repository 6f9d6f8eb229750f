using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Stir;
using TnAcme.Testing;

namespace TnAcme.Issuance.Tests.Interop;

/// <summary>
/// Every shipped profile, checked by independent peers: OpenSSL verifies the chain and shows the TNAuthList
/// with asn1parse -strparse; Debian's python3-cryptography parses the certificate and checks the signature.
/// </summary>
public sealed partial class ProfileInteropTests : IAsyncLifetime
{
    private TestCa _ca = null!;

    public async Task InitializeAsync() => _ca = await TestCa.CreateAsync();

    public Task DisposeAsync()
    {
        _ca.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "shaken-sp", "MAigBhYEMTIzNA" },
        { "tn-shortlived", "MA-iDRYLMTIxMjU1NTE4MjQ" },
        { "tn-shortlived", "MBWhEzARFgsxMjEyNTU1MTAwMAICA-g" },
        { "delegate-ca", "MBWhEzARFgsxMjEyNTU1MTAwMAICA-g" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Issued_certificate_verifies_with_openssl_and_parses_with_python_cryptography(string profile, string identifier)
    {
        TnAuthList list = TnAuthListIdentifier.Decode(identifier);
        IssuedCertificate issued = await _ca.Issuer.IssueAsync(new IssuanceRequest
        {
            ProfileName = profile,
            SubjectPublicKeyInfo = TestCa.NewP256SubjectPublicKeyInfo(),
            TnAuthList = list,
            Organization = "Example Carrier",
            AuthorizedScope = profile == "delegate-ca" ? list : null,
        });

        string leaf = _ca.Scratch.File($"{issued.SerialHex}.pem");
        await File.WriteAllTextAsync(leaf, PemEncoding.WriteString("CERTIFICATE", issued.Der) + "\n");

        var verify = await ExternalTool.RunAsync("openssl", "verify", "-x509_strict", "-CAfile", _ca.Folder.RootCertificatePath,
            "-untrusted", _ca.Folder.IssuingCertificatePath, leaf);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.Contains(": OK", verify.Stdout, StringComparison.Ordinal);

        await AssertAsn1ParseShowsEntriesAsync(leaf, list);
        await AssertPythonCryptographyAgreesAsync(leaf, issued, list, profile);
    }

    private static async Task AssertAsn1ParseShowsEntriesAsync(string leaf, TnAuthList list)
    {
        var dump = await ExternalTool.RunAsync("openssl", "asn1parse", "-in", leaf);
        Assert.Equal(0, dump.ExitCode);
        string[] lines = dump.Stdout.Split('\n');
        int oidLine = Array.FindIndex(lines, l => l.Contains(":1.3.6.1.5.5.7.1.26", StringComparison.Ordinal));
        Assert.True(oidLine >= 0, "TNAuthList OID not found by asn1parse:\n" + dump.Stdout);
        Assert.DoesNotContain("BOOLEAN", lines[oidLine + 1], StringComparison.Ordinal);
        string octetLine = lines[oidLine + 1];
        Assert.Contains("OCTET STRING", octetLine, StringComparison.Ordinal);
        string offset = OffsetPattern().Match(octetLine).Groups[1].Value;

        var inner = await ExternalTool.RunAsync("openssl", "asn1parse", "-in", leaf, "-strparse", offset);
        Assert.Equal(0, inner.ExitCode);
        foreach (TnEntry entry in list.Entries)
        {
            switch (entry)
            {
                case SpcEntry spc:
                    Assert.Contains("cont [ 0 ]", inner.Stdout, StringComparison.Ordinal);
                    Assert.Contains($"IA5STRING         :{spc.Code.Value}", inner.Stdout, StringComparison.Ordinal);
                    break;
                case RangeEntry range:
                    Assert.Contains("cont [ 1 ]", inner.Stdout, StringComparison.Ordinal);
                    Assert.Contains($"IA5STRING         :{range.Range.Start.Value}", inner.Stdout, StringComparison.Ordinal);
                    Assert.Contains($"INTEGER           :{Convert.ToHexString(new System.Numerics.BigInteger(range.Range.Count).ToByteArray(isUnsigned: false, isBigEndian: true))}", inner.Stdout, StringComparison.Ordinal);
                    break;
                case OneEntry one:
                    Assert.Contains("cont [ 2 ]", inner.Stdout, StringComparison.Ordinal);
                    Assert.Contains($"IA5STRING         :{one.Number.Value}", inner.Stdout, StringComparison.Ordinal);
                    break;
            }
        }
    }

    private async Task AssertPythonCryptographyAgreesAsync(string leaf, IssuedCertificate issued, TnAuthList list, string profile)
    {
        const string script = """
            import sys
            from cryptography import x509
            from cryptography.hazmat.primitives.asymmetric import ec
            leaf = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())
            issuer = x509.load_pem_x509_certificate(open(sys.argv[2], 'rb').read())
            issuer.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes, ec.ECDSA(leaf.signature_hash_algorithm))
            ext = leaf.extensions.get_extension_for_oid(x509.ObjectIdentifier('1.3.6.1.5.5.7.1.26'))
            print('serial', format(leaf.serial_number, 'X'))
            print('tnauthlist', ext.value.value.hex().upper(), 'critical' if ext.critical else 'noncritical')
            print('curve', leaf.public_key().curve.name)
            bc = leaf.extensions.get_extension_for_class(x509.BasicConstraints)
            print('ca', bc.value.ca, bc.critical)
            oids = [e.oid.dotted_string for e in leaf.extensions]
            print('norevavail', '2.5.29.56' in oids, 'crldp', '2.5.29.31' in oids, 'eku', '2.5.29.37' in oids)
            """;
        string scriptPath = _ca.Scratch.File("check.py");
        await File.WriteAllTextAsync(scriptPath, script);
        var run = await ExternalTool.RunAsync(ExternalTool.DebianPython, scriptPath, leaf, _ca.Folder.IssuingCertificatePath);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains($"serial {issued.SerialHex.TrimStart('0')}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"tnauthlist {Convert.ToHexString(list.Der)} noncritical", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("curve secp256r1", run.Stdout, StringComparison.Ordinal);
        bool isCa = profile == "delegate-ca";
        Assert.Contains($"ca {(isCa ? "True" : "False")} True", run.Stdout, StringComparison.Ordinal);
        bool shortLived = profile == "tn-shortlived";
        Assert.Contains($"norevavail {(shortLived ? "True" : "False")} crldp {(shortLived ? "False" : "True")} eku False", run.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(\d+):")]
    private static partial Regex OffsetPattern();
}
