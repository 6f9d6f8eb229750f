using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TnAcme.Cli.Bench;

/// <summary>
/// `tnacme serve` as a child process of the load generator: same build, its own data folder, a free loopback
/// port. Its CPU time is read from the kernel (utime + stime) so the report can charge it per issuance.
/// </summary>
internal sealed class BenchServerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StreamWriter _log;
    private bool _closed;

    private BenchServerProcess(Process process, string directoryUrl, string logPath)
    {
        _process = process;
        DirectoryUrl = directoryUrl;
        _log = new StreamWriter(logPath, append: false) { AutoFlush = true };
    }

    public string DirectoryUrl { get; }

    public int Pid => _process.Id;

    /// <summary>The last lines the server wrote (for error messages).</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <param name="logPath">Where the server's standard output and error go.</param>
    public static async Task<BenchServerProcess> StartAsync(string dataDir, string tokenAuthorityRootPem, string? configDir, string logPath, TimeSpan startTimeout, CancellationToken ct)
    {
        int port = FreePort();
        string listen = $"https://127.0.0.1:{port}";
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        SelfCommand(info);
        foreach (string a in (string[])["serve", "--data-dir", dataDir, "--listen", listen, "--trust-token-authority", tokenAuthorityRootPem])
        {
            info.ArgumentList.Add(a);
        }

        if (configDir is not null)
        {
            info.ArgumentList.Add("--config-dir");
            info.ArgumentList.Add(configDir);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new BenchServerProcess(process, listen + "/acme/directory", logPath);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._ready.TrySetException(new InvalidOperationException("the server exited during start-up"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server._ready.Task.WaitAsync(startTimeout, ct);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            string output = server.RecentOutput;
            await server.DisposeAsync();
            throw new InvalidOperationException($"the server did not start ({e.Message}); its output:\n{output}", e);
        }

        return server;
    }

    /// <summary>
    /// Runs this same tnacme: `dotnet tnacme.dll` when hosted by the dotnet muxer, else the apphost itself.
    /// </summary>
    private static void SelfCommand(ProcessStartInfo info)
    {
        string? host = Environment.ProcessPath;
        string dll = Path.Combine(AppContext.BaseDirectory, "tnacme.dll");
        if (host is null || Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.FileName = host ?? "dotnet";
            info.ArgumentList.Add(dll);
        }
        else
        {
            info.FileName = host;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_closed)
            {
                return;
            }

            _log.WriteLine(line);
            _output.Enqueue(line);
            while (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }

        // ServeCommand prints its banner once Kestrel listens.
        if (line.TrimStart().StartsWith("directory:", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>User + system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        if (ProcStat.TryRead(_process.Id, out TimeSpan cpu))
        {
            return cpu;
        }

        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Never started, already gone, or refuses to die: nothing more a load generator can do.
        }

        _process.Dispose();
        lock (_output)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>CPU time of a process from /proc/&lt;pid&gt;/stat (Linux): utime + stime in clock ticks.</summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: 100 on every mainstream Linux architecture (getconf CLK_TCK).</summary>
    private const double TicksPerSecond = 100;

    public static bool TryRead(int pid, out TimeSpan cpu)
    {
        cpu = TimeSpan.Zero;
        string path = $"/proc/{pid}/stat";
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            return false;
        }

        try
        {
            string stat = File.ReadAllText(path);
            // The command name (field 2) is in parentheses and may contain spaces: fields resume after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
            long ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            cpu = TimeSpan.FromSeconds(ticks / TicksPerSecond);
            return true;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
