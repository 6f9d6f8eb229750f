using System.Diagnostics;
using System.Globalization;

namespace TnAcme.Client.AuthorityTokens;

/// <summary>
/// Runs a shell command whose standard output is the token, so any token workflow (a vendor CLI, curl against a
/// portal, a vault lookup) plugs in. The command learns what to ask for from the environment:
/// <c>TNACME_TKVALUE</c> (base64url DER TNAuthList), <c>TNACME_FINGERPRINT</c> ("SHA256 AA:…"), <c>TNACME_CA</c>
/// ("true"/"false"), <c>TNACME_TKTYPE</c> ("TNAuthList") and, when the CA named one, <c>TNACME_TOKEN_AUTHORITY</c>.
/// </summary>
public sealed class CommandAuthorityTokenSource : IAuthorityTokenSource
{
    private readonly string _command;
    private readonly TimeSpan _timeout;

    public CommandAuthorityTokenSource(string command, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        _command = command;
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    public string Description => $"token command `{_command}`";

    public async Task<string> GetTokenAsync(AuthorityTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ProcessStartInfo info = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", _command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", _command } };
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        info.Environment["TNACME_TKTYPE"] = request.TkType;
        info.Environment["TNACME_TKVALUE"] = request.TkValue;
        info.Environment["TNACME_FINGERPRINT"] = request.Fingerprint;
        info.Environment["TNACME_CA"] = request.Ca ? "true" : "false";
        if (request.TokenAuthorityHint is { } hint)
        {
            info.Environment["TNACME_TOKEN_AUTHORITY"] = hint;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new AuthorityTokenException($"cannot start the token command: {e.Message}", e);
        }

        // Nothing to say to the command; a closed stdin keeps one that reads it from hanging.
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
            throw new AuthorityTokenException($"the token command did not finish within {_timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
        }

        string token = (await stdout).Trim();
        string errors = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            throw new AuthorityTokenException($"the token command exited with {process.ExitCode}{(errors.Length > 0 ? ": " + Excerpt(errors) : string.Empty)}");
        }

        if (token.Length == 0)
        {
            throw new AuthorityTokenException("the token command printed nothing; it must write the Authority Token (a JWT) to standard output");
        }

        return token;
    }

    private static string Excerpt(string text) => text.Length > 500 ? text[^500..] : text;
}
