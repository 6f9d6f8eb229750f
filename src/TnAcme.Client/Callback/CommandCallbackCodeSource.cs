using System.Diagnostics;
using System.Globalization;

namespace TnAcme.Client.Callback;

/// <summary>
/// Runs a shell command whose standard output is the code (e.g. a script reading the device's SMS inbox). The command
/// learns what to look for from <c>TNACME_TN</c> (the number) and <c>TNACME_CHANNEL</c> ("sms" or "voice").
/// </summary>
public sealed class CommandCallbackCodeSource : ICallbackCodeSource
{
    private readonly string _command;
    private readonly TimeSpan _timeout;

    public CommandCallbackCodeSource(string command, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        _command = command;
        _timeout = timeout ?? TimeSpan.FromMinutes(5);
    }

    public string Description => $"code command `{_command}`";

    public bool CanRetry => false;

    public async Task<string> GetCodeAsync(CallbackCodeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ProcessStartInfo info = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", _command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", _command } };
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.Environment["TNACME_TN"] = request.Number;
        info.Environment["TNACME_CHANNEL"] = request.Channel;

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new CallbackCodeException($"cannot start the code command: {e.Message}", e);
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new CallbackCodeException($"the code command did not finish within {_timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
        }

        string code = (await stdout).Trim();
        string errors = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new CallbackCodeException($"the code command exited with {process.ExitCode}{(errors.Length > 0 ? ": " + (errors.Length > 500 ? errors[^500..] : errors) : string.Empty)}");
        }

        return code.Length > 0 ? code : throw new CallbackCodeException("the code command printed nothing; it must write the code it received to standard output");
    }
}
