using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Log.Notes;

namespace TnAcme.Cli.Tests.Audit;

/// <summary>`tnacme serve` as a child process on a data folder, trusting a test token authority; killable with SIGKILL.</summary>
public sealed class LogServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private LogServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<LogServerProcess> StartAsync(string dataDir, string tokenAuthorityRoot)
    {
        int port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "tnacme.dll"), "serve", "--data-dir", dataDir, "--listen", $"https://127.0.0.1:{port}",
                     "--trust-token-authority", tokenAuthorityRoot, "--no-token-authority" })
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new LogServerProcess(process, $"https://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException("tnacme serve exited during start-up:\n" + server.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server._ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return server;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("Stop with", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Plain HTTPS reads of the public log routes, trusting the data folder's development root.</summary>
public sealed class PublicLog : IDisposable
{
    private readonly HttpClient _http;

    public PublicLog(string url, string rootPem)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(rootPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(cert);
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(url + "/") };
    }

    public async Task<NoteKey> KeyAsync() => NoteKey.ParseVerifierKey(await _http.GetStringAsync("log/key"));

    public Task<string> CheckpointAsync() => _http.GetStringAsync("log/checkpoint");

    public async Task<JsonObject> JsonAsync(string path) => JsonNode.Parse(await _http.GetStringAsync(path))!.AsObject();

    /// <summary>Waits until the signed checkpoint covers at least <paramref name="size"/> leaves; returns it.</summary>
    public async Task<(Checkpoint Checkpoint, string Note)> WaitForSizeAsync(long size, TimeSpan? timeout = null)
    {
        NoteKey key = await KeyAsync();
        DateTime until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            string note = await CheckpointAsync();
            Checkpoint checkpoint = Checkpoint.OpenSigned(note, key);
            if (checkpoint.TreeSize >= size)
            {
                return (checkpoint, note);
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"the checkpoint stayed at {checkpoint.TreeSize} < {size}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose() => _http.Dispose();
}
