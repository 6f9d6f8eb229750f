using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace TnAcme.Cli.Tests.Audit;

/// <summary>
/// A data folder, a token authority the server trusts (its files, for `tnacme bench --directory`), and helpers to
/// issue through real ACME and to reach into the database the way an insider with file access could.
/// </summary>
public sealed class AuditTestBed : IDisposable
{
    private readonly TestTokenAuthority _authority = new("Audit test STI-PA");

    public AuditTestBed()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(TaRoot, _authority.RootPem);
        File.WriteAllText(TaCert, _authority.Signer.ExportCertificatePem() + "\n");
        File.WriteAllText(TaKey, _authority.SignerKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "tnacme-audit-" + Guid.NewGuid().ToString("N")[..12]);

    public string Data => Path.Combine(Folder, "data");

    public string State => Path.Combine(Folder, "auditor-state");

    public string TaRoot => Path.Combine(Folder, "ta-root.pem");

    public string TaCert => Path.Combine(Folder, "ta-signer.pem");

    public string TaKey => Path.Combine(Folder, "ta-signer.key");

    public string CaBundle => Path.Combine(Data, "ca", "root.crt.pem");

    public string ApiKeyFile => Path.Combine(Folder, "auditor.key");

    public string Database => Path.Combine(Data, "tnacme.db");

    public Task<LogServerProcess> StartServerAsync() => LogServerProcess.StartAsync(Data, TaRoot);

    /// <summary>An auditor key from the operator verb, saved where --api-key-file finds it.</summary>
    public async Task<JsonObject> CreateAuditorKeyAsync(string name = "Test regulator")
    {
        JsonObject key = await TnAcmeProcess.Default.RunJsonAsync(0, "audit", "key", "create", "--data-dir", Data, "--name", name);
        await File.WriteAllTextAsync(ApiKeyFile, (string)key["apiKey"]! + "\n");
        return key;
    }

    /// <summary>Arguments for `tnacme bench` against the running server: real ACME issuances of one number each.</summary>
    public string[] BenchArguments(LogServerProcess server, int count, int concurrency, double? duration = null) =>
    [
        "bench", "--directory", server.Url + "/acme/directory", "--ca-bundle", CaBundle, "--data-dir", Data,
        "--token-authority-cert", TaCert, "--token-authority-key", TaKey, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), "--warmup", "0", "--key-pool", "2",
        .. duration is double d ? new[] { "--duration", d.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-failures", "1000000" } : [],
    ];

    public async Task IssueAsync(LogServerProcess server, int count)
    {
        var (exit, stdout, stderr) = await TnAcmeProcess.Default.RunAsync(BenchArguments(server, count, Math.Min(count, 4)));
        Assert.True(exit == 0, $"bench failed ({exit})\n{stdout}\n{stderr}\nserver:\n{server.Output}");
    }

    /// <summary>`tnacme audit verify` against the server; returns exit code and the JSON report (or error).</summary>
    public async Task<(int Exit, JsonObject Report, string Stderr)> VerifyAsync(LogServerProcess server, params string[] extra)
    {
        var (exit, stdout, stderr) = await TnAcmeProcess.Default.RunAsync(
            ["audit", "verify", "--server", server.Url, "--ca-bundle", CaBundle, "--state-dir", State, "--api-key-file", ApiKeyFile, "--json", .. extra]);
        return (exit, JsonNode.Parse(stdout)!.AsObject(), stderr);
    }

    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={Database};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    public static long Scalar(SqliteConnection db, string sql)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    public static byte[] Blob(SqliteConnection db, string sql)
    {
        using SqliteCommand command = db.CreateCommand();
        command.CommandText = sql;
        return (byte[])command.ExecuteScalar()!;
    }

    public static Process StartBench(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tnacme.dll"));
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public void Dispose()
    {
        _authority.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
