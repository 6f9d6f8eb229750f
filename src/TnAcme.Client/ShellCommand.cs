using System.Diagnostics;
using System.Globalization;

namespace TnAcme.Client;

/// <summary>
/// Runs an operator's shell command that answers on standard output (a token, a code), with its inputs in the
/// environment, a closed standard input (so a command that reads it cannot hang) and a time limit. Every failure is
/// a one-line reason for the caller to wrap in its own exception type.
/// </summary>
internal static class ShellCommand
{
    /// <param name="what">How messages name the command, e.g. "the token command".</param>
    /// <returns>The trimmed standard output, or the reason it could not be had.</returns>
    public static async Task<(string? Output, string? Failure, Exception? Cause)> RunAsync(
        string command, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        ProcessStartInfo info = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        foreach ((string name, string value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"cannot start {what}: {e.Message}", e);
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return (null, $"{what} did not finish within {timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s", null);
        }

        string output = (await stdout).Trim();
        string errors = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            string excerpt = errors.Length > 500 ? errors[^500..] : errors;
            return (null, $"{what} exited with {process.ExitCode}{(excerpt.Length > 0 ? ": " + excerpt : string.Empty)}", null);
        }

        return (output, null, null);
    }
}
