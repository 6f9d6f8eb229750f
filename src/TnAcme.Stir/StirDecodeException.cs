namespace TnAcme.Stir;

/// <summary>A typed decoding failure: callers switch on <see cref="Error"/>, humans read the message.</summary>
public sealed class StirDecodeException : FormatException
{
    public StirDecodeException(StirDecodeError error, string message)
        : base(message)
    {
        Error = error;
    }

    public StirDecodeError Error { get; }
}
