namespace TnAcme.Validation.Callback;

/// <summary>
/// A way to reach a telephone number with the code: a telephony provider's webhook, the operator outbox, and later
/// SIP or SMPP. Adding one is a new class; the challenge does not know which it talks to.
/// </summary>
public interface ICallbackDelivery
{
    /// <summary>Names the delivery in problems and logs, e.g. "webhook".</summary>
    string Name { get; }

    /// <summary>The channels ("voice", "sms") it can carry.</summary>
    IReadOnlyCollection<string> Channels { get; }

    /// <summary>Sends the message or throws <see cref="CallbackDeliveryException"/> saying what failed.</summary>
    Task DeliverAsync(CallbackMessage message, CancellationToken cancellationToken);
}

/// <summary>What to send where. <see cref="ToString"/> hides the code: it must not reach a log.</summary>
/// <param name="Id">Unique per delivery (providers can deduplicate retries on it).</param>
/// <param name="Number">The telephone number of the TNAuthList <c>one</c> entry (E.164 digits).</param>
/// <param name="Channel">"voice" or "sms".</param>
/// <param name="Text">The words to send or speak, code included.</param>
/// <param name="Code">token-part1 alone (for providers that format it themselves, e.g. spoken digit by digit).</param>
public sealed record CallbackMessage(string Id, string Number, string Channel, string Text, string Code, DateTimeOffset Expires)
{
    public override string ToString() => $"CallbackMessage {{ Id = {Id}, Number = {Number}, Channel = {Channel} }}";

    /// <summary>The words for <paramref name="channel"/>; digits are spaced when spoken.</summary>
    public static string TextFor(string channel, string code, TimeSpan lifetime)
    {
        int minutes = (int)Math.Ceiling(lifetime.TotalMinutes);
        return channel == "voice"
            ? $"Your certificate code is {string.Join(", ", code.ToCharArray())}. Again: {string.Join(", ", code.ToCharArray())}. It expires in {minutes} minutes."
            : $"Certificate code {code}. It expires in {minutes} minutes. Never share it with anyone who calls or texts you.";
    }
}

/// <summary>The delivery did not reach the provider, or the provider refused it.</summary>
public sealed class CallbackDeliveryException : Exception
{
    public CallbackDeliveryException(string message, bool retryable, Exception? inner = null)
        : base(message, inner)
    {
        Retryable = retryable;
    }

    /// <summary>Whether trying again later can help (timeouts, 5xx, 429), unlike a provider's 4xx refusal.</summary>
    public bool Retryable { get; }
}
