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
        var environment = new Dictionary<string, string>
        {
            ["TNACME_TKTYPE"] = request.TkType,
            ["TNACME_TKVALUE"] = request.TkValue,
            ["TNACME_FINGERPRINT"] = request.Fingerprint,
            ["TNACME_CA"] = request.Ca ? "true" : "false",
        };
        if (request.TokenAuthorityHint is { } hint)
        {
            environment["TNACME_TOKEN_AUTHORITY"] = hint;
        }

        (string? token, string? failure, Exception? cause) = await ShellCommand.RunAsync(_command, environment, _timeout, "the token command", cancellationToken);
        if (token is null)
        {
            throw cause is null ? new AuthorityTokenException(failure!) : new AuthorityTokenException(failure!, cause);
        }

        if (token.Length == 0)
        {
            throw new AuthorityTokenException("the token command printed nothing; it must write the Authority Token (a JWT) to standard output");
        }

        return token;
    }
}
