namespace TnAcme.TokenAuthority;

/// <summary>The URLs a token authority publishes, all below its base URL.</summary>
public sealed class TokenAuthorityUrls
{
    public TokenAuthorityUrls(Uri baseUri) => Base = baseUri.AbsoluteUri.TrimEnd('/');

    /// <summary>The base URL without a trailing slash; also the token's <c>iss</c>.</summary>
    public string Base { get; }

    /// <summary>RFC 9447 §5.1 / RFC 9448 §5.5 token request.</summary>
    public string Token(string accountId) => $"{Base}/at/account/{Uri.EscapeDataString(accountId)}/token";

    /// <summary>The token signer's chain, named by every token's <c>x5u</c>.</summary>
    public string Certificate => Base + "/ta/cert.pem";

    /// <summary>CRL of the token-signing certificates (the STI-PA hands out such a URL beside each token).</summary>
    public string Crl => Base + "/ta/crl";

    /// <summary>The <c>host:port</c> a CA must allow-list to fetch <see cref="Certificate"/> from a loopback or private address.</summary>
    public string HostPort
    {
        get
        {
            var uri = new Uri(Base);
            string host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost;
            return host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
