using System.Diagnostics;
using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Server.Tests.Interop;

/// <summary>One run of an independent ACME client: its command line, exit code and everything it printed.</summary>
public sealed record ClientRun(string CommandLine, int ExitCode, string Output)
{
    public override string ToString() => $"$ {CommandLine}\nexit {ExitCode}\n{Output}";
}

/// <summary>Runs Debian's ACME clients as child processes, and looks at their accounts from the server's side.</summary>
internal static class ExternalClient
{
    /// <summary>Fails (never skips) when a Debian client is missing: scripts/test installs it.</summary>
    public static void Require(string path, string package) =>
        Assert.True(File.Exists(path), $"{path} is not installed; scripts/test installs it (apt-get install {package})");

    /// <summary>Runs <paramref name="file"/> with stdin closed (so no prompt can wait), stdout and stderr together.</summary>
    public static async Task<ClientRun> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        string commandLine = string.Join(' ', new[] { file }.Concat(info.ArgumentList).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        using Process process = Process.Start(info)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"$ {commandLine}\ndid not finish in 2 minutes");
        }

        return new ClientRun(commandLine, process.ExitCode, await stdout + await stderr);
    }

    /// <summary>newAccount with onlyReturnExisting, signed with the key's jwk: the server's view of "the account of this key".</summary>
    public static async Task<AcmeReply> FindAccountAsync(ServerFixture fixture, JwsSigner key)
    {
        using AcmeTestClient client = fixture.NewClient();
        client.Key = key;
        await client.LoadDirectoryAsync();
        return await client.PostAsync(client.Url("newAccount"), new JsonObject { ["onlyReturnExisting"] = true }, useJwk: true);
    }

    /// <summary>POST-as-GET of the account URL, signed with the key and the account URL as kid.</summary>
    public static async Task<AcmeReply> GetAccountAsync(ServerFixture fixture, JwsSigner key, string accountUrl)
    {
        using AcmeTestClient client = fixture.NewClient();
        client.Key = key;
        client.AccountUrl = accountUrl;
        await client.LoadDirectoryAsync();
        return await client.PostAsync(accountUrl, null);
    }

    /// <summary>Asserts the key's account is <paramref name="accountUrl"/>, valid, with exactly <paramref name="contact"/>.</summary>
    public static async Task AssertAccountAsync(ServerFixture fixture, JwsSigner key, string accountUrl, string contact)
    {
        AcmeReply found = await FindAccountAsync(fixture, key);
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        Assert.Equal(accountUrl, found.Location);
        AcmeReply account = await GetAccountAsync(fixture, key, accountUrl);
        Assert.True(account.Status == HttpStatusCode.OK, account.ToString());
        Assert.Equal("valid", (string?)account.Json["status"]);
        Assert.Equal(new[] { contact }, account.Json["contact"]!.AsArray().Select(c => (string?)c).ToArray());
    }

    /// <summary>After deactivation (RFC 8555 §7.3.6) every request of the account is refused with 401 unauthorized.</summary>
    public static async Task AssertDeactivatedAsync(ServerFixture fixture, JwsSigner key, string accountUrl)
    {
        AcmeReply get = await GetAccountAsync(fixture, key, accountUrl);
        Assert.True(get.Status == HttpStatusCode.Unauthorized && get.ProblemType == "urn:ietf:params:acme:error:unauthorized", get.ToString());
        AcmeReply find = await FindAccountAsync(fixture, key);
        Assert.True(find.Status == HttpStatusCode.Unauthorized && find.ProblemType == "urn:ietf:params:acme:error:unauthorized", find.ToString());
    }

    /// <summary>An RSA private key in JWK form (certbot's private_key.json); JWK integers are minimal, RSAParameters wants fixed lengths.</summary>
    public static RSA RsaFromJwk(JsonObject jwk)
    {
        byte[] Field(string name) => Base64Url.Decode((string)jwk[name]!);
        byte[] modulus = Field("n");
        int half = (modulus.Length + 1) / 2;
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = modulus,
            Exponent = Field("e"),
            D = Pad(Field("d"), modulus.Length),
            P = Pad(Field("p"), half),
            Q = Pad(Field("q"), half),
            DP = Pad(Field("dp"), half),
            DQ = Pad(Field("dq"), half),
            InverseQ = Pad(Field("qi"), half),
        });
        return rsa;
    }

    /// <summary>A PEM private key file as written by uacme (PKCS#1 RSA or SEC1 EC).</summary>
    public static JwsSigner SignerFromPem(string path)
    {
        string pem = File.ReadAllText(path);
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            return JwsSigner.ForECDsa(EcFromSec1(pem));
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return JwsSigner.ForRsa(rsa);
    }

    /// <summary>
    /// SEC1 ECPrivateKey (RFC 5915) read by hand: GnuTLS, which uacme uses, writes the private key octet string with a
    /// leading zero byte when its top bit is set (33 bytes for P-256), which .NET's importer rightly refuses.
    /// </summary>
    private static ECDsa EcFromSec1(string pem)
    {
        PemFields fields = PemEncoding.Find(pem);
        var key = new AsnReader(Convert.FromBase64String(pem[fields.Base64Data]), AsnEncodingRules.DER).ReadSequence();
        Assert.True(key.ReadInteger() == 1, "not an RFC 5915 ECPrivateKey");
        byte[] d = key.ReadOctetString();
        string curve = key.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadObjectIdentifier();
        byte[] point = key.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1)).ReadBitString(out _);
        int size = (point.Length - 1) / 2;
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.CreateFromValue(curve),
            D = d.Length > size ? d[^size..] : Pad(d, size),
            Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] },
        });
    }

    private static byte[] Pad(byte[] value, int length) =>
        value.Length >= length ? value : [.. new byte[length - value.Length], .. value];
}
