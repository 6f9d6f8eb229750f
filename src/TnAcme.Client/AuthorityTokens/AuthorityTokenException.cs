namespace TnAcme.Client.AuthorityTokens;

/// <summary>
/// No usable Authority Token: the source failed (missing file, failing command, the token authority refused), or the
/// token it gave cannot answer this challenge (other numbers, another account, expired). Raised before the token
/// reaches the CA, because a wrong token makes the authorization, and with it the order, invalid.
/// </summary>
public sealed class AuthorityTokenException : Exception
{
    public AuthorityTokenException(string message)
        : base(message)
    {
    }

    public AuthorityTokenException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The token authority's HTTP status, when it answered with an error.</summary>
    public int? HttpStatus { get; init; }
}
