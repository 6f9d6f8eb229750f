using System.Security.Cryptography;
using TnAcme.Client.Issuance;
using TnAcme.Issuance.X509;
using TnAcme.Stir;
using TnAcme.Testing;

namespace TnAcme.Client.Tests;

/// <summary>The hand-written PKCS#10 writer, checked by OpenSSL and by the CA's own parser.</summary>
public sealed class StirCsrTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tnacme-csr-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, bool, string?> Requests => new()
    {
        { "spc", false, "Example Carrier" },
        { "one", false, null },
        { "range", false, "Ünïcode Carrier, Inc." },
        { "spc", true, "Delegating Carrier" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task OpenSSL_verifies_the_request_and_reads_its_extensions(string kind, bool ca, string? organization)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        TnAuthList list = kind switch
        {
            "spc" => TnAuthList.Create(TnEntry.OfSpc("1234")),
            "one" => TnAuthList.Create(TnEntry.OfNumber("12025550100")),
            _ => TnAuthList.Create(TnEntry.OfRange("12025550100", 100)),
        };
        byte[] der = StirCsr.Create(key, new CertificateOrderRequest { TnAuthList = list, Ca = ca, Organization = organization });
        string path = Path.Combine(_dir, "request.der");
        await File.WriteAllBytesAsync(path, der);

        var (exit, stdout, stderr) = await ExternalTool.RunAsync("openssl", "req", "-inform", "DER", "-in", path, "-verify", "-noout", "-text");
        Assert.True(exit == 0, stderr);
        Assert.Contains("verify OK", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("1.3.6.1.5.5.7.1.26", stdout, StringComparison.Ordinal);
        Assert.Equal(ca, stdout.Contains("CA:TRUE, pathlen:0", StringComparison.Ordinal));

        Pkcs10Request parsed = Pkcs10Request.Parse(der);
        Assert.True(parsed.HasP256Key);
        Assert.Equal(ca, parsed.RequestsCa);
        Assert.Equal(organization, parsed.Organization);
        Assert.Equal(list, parsed.TnAuthList);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), parsed.SubjectPublicKeyInfoDer);
    }
}
