using Microsoft.AspNetCore.Builder;
using TnAcme.Issuance.Hierarchy;
using TnAcme.TokenAuthority;
using TnAcme.TokenAuthority.Http;

namespace TnAcme.Server;

/// <summary>
/// The development default of `tnacme serve`: a token authority on the server's own HTTPS origin, below
/// <see cref="BasePath"/>, whose root the CA trusts, so one process gives a carrier both its tokens and certificates.
/// </summary>
public static class EmbeddedTokenAuthority
{
    public const string BasePath = "/sti-pa";

    /// <summary>
    /// Opens (creating on first use) the token authority in &lt;data-dir&gt;/ta and returns the options amended so the
    /// CA fetches its x5u: its loopback host:port allow-listed past the SSRF guard, the development root trusted for
    /// that TLS, and the challenges' token-authority hint pointing at it unless one is configured. The caller also
    /// passes <see cref="TokenAuthority.TokenAuthority.RootCertificate"/> as a trust anchor and <see cref="Map"/> as
    /// the endpoint hook of <see cref="TnAcmeServer.StartAsync"/>.
    /// </summary>
    public static async Task<(TokenAuthority.TokenAuthority Authority, ServerOptions Options)> OpenAsync(
        ServerOptions options, CertificateAuthorityHierarchy hierarchy, CancellationToken ct = default)
    {
        // The development root signs the server's TLS certificate; it must exist before the CA can be told to trust it.
        var folder = new CaDataFolder(options.DataDirectory);
        if (!folder.Exists)
        {
            await hierarchy.InitializeAsync(folder, new HierarchySettings(), new SignerSettings(), ct);
        }

        TokenAuthority.TokenAuthority ta = await TokenAuthority.TokenAuthority.OpenAsync(new TokenAuthorityOptions
        {
            Directory = TokenAuthorityOptions.DefaultDirectory(options.DataDirectory),
            BaseUri = new Uri(options.BaseUri, BasePath.TrimStart('/')),
        }, ct);
        ServerOptions amended = options with
        {
            AllowedX5uHosts = [.. options.AllowedX5uHosts, ta.Urls.HostPort],
            X5uTlsRoots = [.. options.X5uTlsRoots, folder.RootCertificatePath],
            Acme = options.Acme with { TokenAuthorityUrl = options.Acme.TokenAuthorityUrl ?? ta.Urls.Base },
        };
        return (ta, amended);
    }

    public static void Map(WebApplication app, TokenAuthority.TokenAuthority ta) => TokenAuthorityEndpoints.Map(app, ta, BasePath);
}
