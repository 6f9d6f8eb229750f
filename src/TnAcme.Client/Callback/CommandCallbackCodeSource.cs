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
        var environment = new Dictionary<string, string> { ["TNACME_TN"] = request.Number, ["TNACME_CHANNEL"] = request.Channel };
        (string? code, string? failure, Exception? cause) = await ShellCommand.RunAsync(_command, environment, _timeout, "the code command", cancellationToken);
        if (code is null)
        {
            throw new CallbackCodeException(failure!, cause);
        }

        return code.Length > 0 ? code : throw new CallbackCodeException("the code command printed nothing; it must write the code it received to standard output");
    }
}
