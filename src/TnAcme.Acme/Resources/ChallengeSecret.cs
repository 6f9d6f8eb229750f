namespace TnAcme.Acme;

/// <summary>
/// Per-challenge state that only the challenge type reads (e.g. the half of a token sent over the telephone
/// network, attempts used). Persisted with the challenge, never rendered; <see cref="ToString"/> hides it so that
/// logging a challenge record cannot leak it.
/// </summary>
public sealed class ChallengeSecret
{
    public ChallengeSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The challenge type's own serialization (opaque to the protocol and to storage).</summary>
    public string Value { get; }

    public override string ToString() => "[secret]";
}
