using System.Text.Json.Nodes;

namespace TnAcme.Cli.Tests;

public sealed class EabVerbTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tnacme-eab-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Eab_create_prints_a_fresh_key_id_and_a_256_bit_hmac_key_each_time()
    {
        JsonObject first = await TnAcmeProcess.Default.RunJsonAsync(0, "eab", "create", "--data-dir", _dir, "--name", "Carrier X");
        JsonObject second = await TnAcmeProcess.Default.RunJsonAsync(0, "eab", "create", "--data-dir", _dir, "--name", "Carrier Y");
        Assert.Equal("Carrier X", (string?)first["name"]);
        Assert.NotEqual((string?)first["keyId"], (string?)second["keyId"]);
        byte[] key = TnAcme.Stir.Base64Url.Decode((string)first["hmacKey"]!);
        Assert.Equal(32, key.Length);
        Assert.True(File.Exists(Path.Combine(_dir, "tnacme.db")));

        var (exit, _, stderr) = await TnAcmeProcess.Default.RunAsync("eab", "create", "--data-dir", _dir);
        Assert.Equal(2, exit);
        Assert.Contains("--name", stderr, StringComparison.Ordinal);
    }
}
