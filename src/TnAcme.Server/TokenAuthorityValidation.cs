using System.Security.Cryptography.X509Certificates;
using TnAcme.Acme.Stores;
using TnAcme.Acme.Validation;
using TnAcme.Validation;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Server;

/// <summary>Builds the tkauth-01 validator from the server's trust settings (trust anchors, x5u guard, TLS roots).</summary>
internal static class TokenAuthorityValidation
{
    /// <summary>
    /// The jti of each token is recorded with the authorization it validates, in one transaction
    /// (<see cref="DeferredJtiReplayStore"/>, <see cref="IAuthorizationStore.TryReplaceSpendingAsync"/>).
    /// </summary>
    public static async Task<IChallengeValidator> CreateAsync(ServerOptions options, IEnumerable<X509Certificate2> extraAnchors, CancellationToken ct)
    {
        X509Certificate2Collection anchors = await TrustAnchorLoader.LoadAsync(options.TrustedTokenAuthorities, ct);
        foreach (X509Certificate2 c in extraAnchors)
        {
            anchors.Add(c);
        }

        X509Certificate2Collection x5uRoots = await TrustAnchorLoader.LoadAsync(options.X5uTlsRoots, ct);

        var tokenOptions = new AuthorityTokenOptions
        {
            TrustAnchors = anchors,
            AllowedX5uHosts = options.AllowedX5uHosts.ToList(),
        };
        tokenOptions.Validate();
        var fetcher = new HttpsX5uFetcher(tokenOptions, new X5uTlsOptions { ExtraTrustRoots = x5uRoots });
        var jti = new DeferredJtiReplayStore();
        var verifier = new AuthorityTokenVerifier(tokenOptions, fetcher, jti);
        return new TkAuthChallengeValidator(verifier, options.Acme.TokenAuthorityUrl, jti);
    }
}
