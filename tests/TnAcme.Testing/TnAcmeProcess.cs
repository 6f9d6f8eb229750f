using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace TnAcme.Testing;

/// <summary>Runs the real tnacme command line as a separate process, as an operator would.</summary>
public sealed class TnAcmeProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "tnacme.dll");
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <param name="environment">Extra environment for the child processes (e.g. SOFTHSM2_CONF, the PIN).</param>
    public TnAcmeProcess(IReadOnlyDictionary<string, string>? environment = null) =>
        _environment = environment ?? new Dictionary<string, string>();

    public static TnAcmeProcess Default { get; } = new();

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        ExecAsync("dotnet", [Dll, .. arguments]);

    public async Task<JsonObject> RunJsonAsync(int expectedExit, params string[] arguments)
    {
        var (exit, stdout, stderr) = await RunAsync([.. arguments, "--json"]);
        Assert.True(exit == expectedExit, $"exit {exit}, wanted {expectedExit}\nstdout: {stdout}\nstderr: {stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
