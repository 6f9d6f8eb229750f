using System.Security.Cryptography.X509Certificates;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Grants;
using TnAcme.TokenAuthority.Requests;
using TnAcme.TokenAuthority.Signing;

namespace TnAcme.TokenAuthority;

/// <summary>
/// The token authority (the STI-PA role of ATIS-1000080; RFC 9447 §5, RFC 9448 §5.5): authenticates an account by
/// its API key, checks that the requested TNAuthList lies within the account's grants, and signs an Authority Token.
/// </summary>
public sealed class TokenAuthority : IDisposable
{
    private readonly TokenAuthorityOptions _options;
    private readonly TokenAuthorityCredentials _credentials;
    private readonly GrantStore _grants;
    private readonly SignerCrl _crl;

    /// <summary>One signature at a time: .NET does not promise that a key object may sign on several threads at once.</summary>
    private readonly Lock _signing = new();

    private TokenAuthority(TokenAuthorityOptions options, TokenAuthorityFolder folder, TokenAuthorityCredentials credentials)
    {
        _options = options;
        _credentials = credentials;
        _grants = new GrantStore(folder);
        _crl = new SignerCrl(folder, credentials, options.Time);
        Urls = new TokenAuthorityUrls(options.BaseUri);
        CertificateChainPem = credentials.Signer.ExportCertificatePem() + "\n";
    }

    public TokenAuthorityUrls Urls { get; }

    /// <summary>The trust anchor a CA configures for this authority (no private key).</summary>
    public X509Certificate2 RootCertificate => _credentials.Root;

    public X509Certificate2 SignerCertificate => _credentials.Signer;

    /// <summary>
    /// What <c>x5u</c> serves: the signer alone. There is no intermediate, and the root is left out on purpose: a CA
    /// must hold it as a configured anchor, never learn it from the token's own URL.
    /// </summary>
    public string CertificateChainPem { get; }

    /// <summary>Opens the state folder, creating the root and the signer on first use.</summary>
    public static async Task<TokenAuthority> OpenAsync(TokenAuthorityOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = new TokenAuthorityFolder(options.Directory);
        folder.EnsureExists();
        TokenAuthorityCredentials credentials = await TokenAuthorityCredentials.LoadOrCreateAsync(folder, options.Name, options.Time, ct);
        return new TokenAuthority(options, folder, credentials);
    }

    /// <summary>Handles <c>POST /at/account/{id}/token</c>: authentication first, then the body, then the grants.</summary>
    /// <param name="apiKey">The bearer credential, or null when the request carried none.</param>
    public async Task<TokenOutcome> RequestTokenAsync(string accountId, string? apiKey, ReadOnlyMemory<byte> body, CancellationToken ct = default)
    {
        StoredAccount? account = (await _grants.ReadAsync(ct)).Find(accountId);

        // Always compare, even for an unknown id, so the answer and its timing say nothing about which ids exist.
        if (!ApiKeys.Matches(apiKey, account?.ApiKeySha256) || account is null)
        {
            return new TokenRefused(TokenRefusal.BadCredentials, "the account id and API key do not identify an account of this token authority");
        }

        if (!TokenRequestReader.TryRead(body, out TokenRequest? request, out string? error))
        {
            return new TokenRefused(TokenRefusal.Malformed, error);
        }

        TaAccount view = TaAccount.From(account);
        if (Uncovered(request.TnAuthList, view.Grants) is { Count: > 0 } missing)
        {
            return new TokenRefused(TokenRefusal.NotGranted, $"account {account.Id} was not granted {string.Join(", ", missing)}");
        }

        if (request.Ca && !account.MayDelegate && Uncovered(request.TnAuthList, view.Grants.Where(g => g.MayDelegate)) is { Count: > 0 } notDelegable)
        {
            return new TokenRefused(TokenRefusal.DelegationNotAllowed, $"account {account.Id} may not delegate {string.Join(", ", notDelegable)} (ca: true)");
        }

        return Sign(request);
    }

    /// <summary>The DER CRL of token-signing certificates, signed by the root.</summary>
    public Task<byte[]> CrlAsync(CancellationToken ct = default) => _crl.CurrentAsync(ct);

    private TokenOutcome Sign(TokenRequest request)
    {
        DateTimeOffset now = _options.Time.GetUtcNow();
        DateTimeOffset signerEnd = new(_credentials.Signer.NotAfter.ToUniversalTime());
        if (signerEnd <= now)
        {
            return new TokenRefused(TokenRefusal.SignerExpired, "the token-signing certificate has expired; the operator must restart the token authority to renew it");
        }

        // A token that outlived its signer could not be verified for its last hours anyway.
        DateTimeOffset exp = now + _options.TokenLifetime < signerEnd ? now + _options.TokenLifetime : signerEnd;
        string jti = Guid.NewGuid().ToString();
        string token;
        lock (_signing)
        {
            token = AuthorityTokenWriter.Write(request, Urls.Base, Urls.Certificate, jti, now, exp, _credentials.SignerKey);
        }

        return new TokenIssued(token, jti, DateTimeOffset.FromUnixTimeSeconds(exp.ToUnixTimeSeconds()), Urls.Crl);
    }

    /// <summary>The requested entries not encompassed by the grants (an SPC grant covers that SPC only).</summary>
    private static List<string> Uncovered(TnAuthList requested, IEnumerable<TaGrant> grants)
    {
        TnCoverage granted = TnCoverage.Of(grants.Select(g => g.Entry));
        return [.. requested.Entries.Where(e => !granted.Encompasses(TnCoverage.Of([e]))).Select(GrantSyntax.Format)];
    }

    public void Dispose() => _credentials.Dispose();
}
