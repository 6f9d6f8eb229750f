namespace TnAcme.Client.AuthorityTokens;

/// <summary>
/// Where the client gets the Authority Token (RFC 9447) that answers a tkauth-01 challenge: a file, a command, or a
/// token authority's HTTPS API (RFC 9447 §5.1). Consulted only for authorizations that are still pending.
/// </summary>
public interface IAuthorityTokenSource
{
    /// <summary>For progress messages, e.g. "token file spc.jwt".</summary>
    string Description { get; }

    /// <summary>The compact-serialized JWT for <paramref name="request"/>.</summary>
    /// <exception cref="AuthorityTokenException">No token could be had.</exception>
    Task<string> GetTokenAsync(AuthorityTokenRequest request, CancellationToken cancellationToken);
}
