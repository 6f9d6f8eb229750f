namespace TnAcme.TokenAuthority;

/// <summary>An operator request that the state refuses: an unknown account, a duplicate id, a grant that is not there.</summary>
public sealed class TokenAuthorityAdminException : Exception
{
    public TokenAuthorityAdminException(string message)
        : base(message)
    {
    }

    public TokenAuthorityAdminException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TokenAuthorityAdminException()
    {
    }
}
