using TnAcme.Client.Callback;

namespace TnAcme.Cli.Client;

/// <summary>Asks the person at the terminal for the code the device received (prompt on stderr, answer on stdin).</summary>
internal sealed class ConsoleCallbackCodeSource : ICallbackCodeSource
{
    public string Description => "typed at the terminal";

    public bool CanRetry => true;

    public async Task<string> GetCodeAsync(CallbackCodeRequest request, CancellationToken cancellationToken)
    {
        if (request.PreviousError is { } error)
        {
            await Console.Error.WriteLineAsync($"tnacme: {error}");
        }

        await Console.Error.WriteAsync($"Code received by {request.Channel} on {request.Number}: ");
        string? line = await Console.In.ReadLineAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(line)
            ? throw new CallbackCodeException("no code was typed (end of input)")
            : line.Trim();
    }
}
