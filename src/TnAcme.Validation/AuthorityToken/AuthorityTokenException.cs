namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// The one exception type a token verification throws (besides cancellation). <see cref="Check"/> is the stable
/// name of the failed check; <see cref="Detail"/> is written for the ACME client.
/// </summary>
public sealed class AuthorityTokenException : Exception
{
    public AuthorityTokenException(AuthorityTokenCheck check, string detail, Exception? innerException = null)
        : base($"authority token check {check} failed: {detail}", innerException)
    {
        Check = check;
        Detail = detail;
    }

    public AuthorityTokenCheck Check { get; }

    public string Detail { get; }
}
