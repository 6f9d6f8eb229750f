namespace TnAcme.Passport;

/// <summary>The text is not a PASSporT or Identity header this library can read (before any signature check).</summary>
public sealed class PassportFormatException : Exception
{
    public PassportFormatException(string message)
        : base(message)
    {
    }

    public PassportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
