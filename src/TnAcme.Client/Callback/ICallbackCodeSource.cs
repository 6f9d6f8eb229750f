namespace TnAcme.Client.Callback;

/// <summary>
/// Where the client gets the code that tn-callback-01 sent to the number: the person at the terminal, a command
/// (an SMS reader on the device, a provider's API, a test's receiver), or anything else.
/// </summary>
public interface ICallbackCodeSource
{
    /// <summary>For progress messages.</summary>
    string Description { get; }

    /// <summary>Whether asking again can give a different answer (a person can retype; a command would repeat itself).</summary>
    bool CanRetry { get; }

    /// <summary>The code as received (spaces and dashes are ignored).</summary>
    /// <exception cref="CallbackCodeException">No code could be had.</exception>
    Task<string> GetCodeAsync(CallbackCodeRequest request, CancellationToken cancellationToken);
}

/// <param name="Number">The telephone number the code was sent to.</param>
/// <param name="Channel">"sms" or "voice".</param>
/// <param name="PreviousError">Why the last code was refused, when asking again.</param>
public sealed record CallbackCodeRequest(string Number, string Channel, string? PreviousError = null);

/// <summary>What to deliver and how to read the code back.</summary>
public sealed record CallbackProof(string Channel, ICallbackCodeSource Codes);

public sealed class CallbackCodeException : Exception
{
    public CallbackCodeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
