using System.Diagnostics;

namespace TnAcme.Passport.Tests.Support;

/// <summary>Runs tnacme.dll and the independent peers (secsipidx) as child processes, as an operator would.</summary>
internal static class ChildProcess
{
    private static readonly string TnAcmeDll = Path.Combine(AppContext.BaseDirectory, "tnacme.dll");

    public static Task<(int ExitCode, string Stdout, string Stderr)> TnAcmeAsync(params string[] arguments) =>
        RunAsync("dotnet", [TnAcmeDll, .. arguments]);

    /// <summary>Debian's secsipidx; the test fails (not skips) when it is missing.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> SecsipidxAsync(params string[] arguments) =>
        RunAsync(Require("secsipidx", "Install it with 'apt-get install -y secsipidx' (scripts/test does)."), arguments);

    public static string Require(string name, string installHint) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{name}' was not found on PATH; the PASSporT interop tests need it. {installHint}");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within two minutes");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
