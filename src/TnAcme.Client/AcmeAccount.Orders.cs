using System.Text.Json.Nodes;
using TnAcme.Acme.Problems;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Client.Issuance;
using TnAcme.Client.Resources;
using TnAcme.Client.Transport;
using TnAcme.Stir;

namespace TnAcme.Client;

/// <summary>The order steps (RFC 8555 §7.4, §7.5; RFC 9448 §4), each usable alone; <see cref="IssueAsync"/> runs them all.</summary>
public sealed partial class AcmeAccount
{
    public const string PemChainMediaType = "application/pem-certificate-chain";

    /// <summary>Creates an order for one TNAuthList identifier, with the profile and validity asked for.</summary>
    public async Task<AcmeOrder> NewOrderAsync(CertificateOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payload = new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["type"] = TnAuthListIdentifier.IdentifierType, ["value"] = request.IdentifierValue }),
        };
        if (request.Profile is { } profile)
        {
            payload["profile"] = profile;
        }

        if (request.NotBefore is { } notBefore)
        {
            payload["notBefore"] = Rfc3339(notBefore);
        }

        if (request.NotAfter is { } notAfter)
        {
            payload["notAfter"] = Rfc3339(notAfter);
        }

        Transport.Report($"ordering a certificate for {request.TnAuthList}{(request.Profile is null ? string.Empty : $" (profile {request.Profile})")}");
        AcmeReply reply = await Transport.PostAsync(Directory.NewOrder, Payloads.Utf8(payload), Key, Url, cancellationToken);
        if (string.IsNullOrEmpty(reply.Location))
        {
            throw new AcmeClientException(Synthesized("newOrder answered without a Location (the order URL)", reply.Status), Directory.NewOrder);
        }

        return new AcmeOrder(reply.Location, reply.Read(ClientJson.Default.OrderResource, reply.Location));
    }

    public async Task<AcmeOrder> GetOrderAsync(string orderUrl, CancellationToken cancellationToken = default) =>
        new(orderUrl, (await PostAsGetAsync(orderUrl, cancellationToken)).Read(ClientJson.Default.OrderResource, orderUrl));

    public async Task<AuthorizationResource> GetAuthorizationAsync(string authorizationUrl, CancellationToken cancellationToken = default) =>
        (await PostAsGetAsync(authorizationUrl, cancellationToken)).Read(ClientJson.Default.AuthorizationResource, authorizationUrl);

    /// <summary>
    /// Proves every pending authorization of <paramref name="order"/> with tkauth-01 (RFC 9448 §4): asks
    /// <paramref name="tokens"/> for an Authority Token, checks it fits (numbers, account, expiry, ca) so a wrong token
    /// does not spoil the order, answers the challenge, and waits for the outcome. Returns the order once it is no
    /// longer pending (normally ready).
    /// </summary>
    public async Task<AcmeOrder> AuthorizeAsync(AcmeOrder order, bool ca, IAuthorityTokenSource tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (string authorizationUrl in order.Resource.Authorizations)
        {
            await AuthorizeOneAsync(authorizationUrl, ca, tokens, cancellationToken);
        }

        return await WaitUntilNotPendingAsync(order, cancellationToken);
    }

    /// <summary>The order once it is no longer pending (normally ready), as Retry-After asks.</summary>
    private async Task<AcmeOrder> WaitUntilNotPendingAsync(AcmeOrder order, CancellationToken cancellationToken)
    {
        AcmeReply reply = await Transport.Poller.UntilAsync(
            await PostAsGetAsync(order.Url, cancellationToken),
            r => r.ResourceStatus != AcmeStatus.Pending,
            token => PostAsGetAsync(order.Url, token),
            "waiting for the order to become ready",
            cancellationToken);
        OrderResource resource = reply.Read(ClientJson.Default.OrderResource, order.Url);
        return resource.Status == AcmeStatus.Invalid
            ? throw new AcmeClientException(resource.Problem ?? Synthesized("the order became invalid", reply.Status), order.Url)
            : new AcmeOrder(order.Url, resource);
    }

    /// <summary>
    /// Sends the CSR (RFC 8555 §7.4) and waits, as Retry-After asks, until the order is valid.
    /// </summary>
    /// <exception cref="AcmeClientException">badCSR, orderNotReady, or the order's error when it became invalid.</exception>
    public async Task<AcmeOrder> FinalizeAsync(AcmeOrder order, byte[] csrDer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(csrDer);
        Transport.Report("finalizing the order with a new P-256 key's CSR");
        AcmeReply reply = await Transport.PostAsync(order.Resource.Finalize, Payloads.Utf8(new JsonObject { ["csr"] = Base64Url.Encode(csrDer) }), Key, Url, cancellationToken);
        reply = await Transport.Poller.UntilAsync(
            reply,
            r => r.ResourceStatus is AcmeStatus.Valid or AcmeStatus.Invalid,
            token => PostAsGetAsync(order.Url, token),
            "waiting for the certificate",
            cancellationToken);
        OrderResource resource = reply.Read(ClientJson.Default.OrderResource, order.Url);
        if (resource.Status != AcmeStatus.Valid || string.IsNullOrEmpty(resource.Certificate))
        {
            throw new AcmeClientException(resource.Problem ?? Synthesized($"the order is {resource.Status} without a certificate", reply.Status), order.Url);
        }

        return new AcmeOrder(order.Url, resource);
    }

    /// <summary>Downloads the PEM chain (RFC 8555 §7.4.2), end-entity certificate first.</summary>
    public async Task<string> DownloadChainAsync(string certificateUrl, CancellationToken cancellationToken = default)
    {
        Transport.Report("downloading the certificate chain");
        AcmeReply reply = await Transport.PostAsync(certificateUrl, ReadOnlyMemory<byte>.Empty, Key, Url, cancellationToken, accept: PemChainMediaType);
        string pem = reply.Text;
        if (!pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new AcmeClientException(Synthesized($"the certificate resource is {reply.MediaType ?? "untyped"}, not a PEM chain", reply.Status), certificateUrl);
        }

        return pem;
    }

    private async Task AuthorizeOneAsync(string authorizationUrl, bool ca, IAuthorityTokenSource tokens, CancellationToken ct)
    {
        AuthorizationResource authorization = await GetAuthorizationAsync(authorizationUrl, ct);
        if (authorization.Status == AcmeStatus.Valid)
        {
            Transport.Report("the account already holds a valid authorization for these numbers; no token needed");
            return;
        }

        if (authorization.Status != AcmeStatus.Pending)
        {
            throw new AcmeClientException(FailedAuthorization(authorization, $"the authorization is {authorization.Status}"), authorizationUrl);
        }

        ChallengeResource challenge = authorization.Challenges.FirstOrDefault(c => c.Type == ChallengeResource.TkAuth01)
            ?? throw new AcmeClientException(Synthesized($"the server offers no tkauth-01 challenge (offered: {string.Join(", ", authorization.Challenges.Select(c => c.Type))})", 400), authorizationUrl);

        AcmeReply reply;
        if (challenge.Status == AcmeStatus.Pending)
        {
            reply = await AnswerAsync(challenge, authorization, ca, tokens, ct);
        }
        else
        {
            // Answered earlier (a retried run): only wait for the outcome.
            reply = await PostAsGetAsync(authorizationUrl, ct);
        }

        reply = await Transport.Poller.UntilAsync(
            reply,
            r => r.ResourceStatus is not (AcmeStatus.Pending or AcmeStatus.Processing),
            token => PostAsGetAsync(authorizationUrl, token),
            "waiting for the CA to check the Authority Token",
            ct);
        if (reply.ResourceStatus == AcmeStatus.Valid)
        {
            return;
        }

        AuthorizationResource failed = await GetAuthorizationAsync(authorizationUrl, ct);
        throw new AcmeClientException(FailedAuthorization(failed, "the CA did not accept the Authority Token"), authorizationUrl);
    }

    private async Task<AcmeReply> AnswerAsync(ChallengeResource challenge, AuthorizationResource authorization, bool ca, IAuthorityTokenSource tokens, CancellationToken ct)
    {
        var tokenRequest = new AuthorityTokenRequest
        {
            TnAuthList = TnAuthListIdentifier.Decode(authorization.Identifier?.Value ?? string.Empty),
            Ca = ca,
            AccountThumbprint = Key.PublicKey.Thumbprint(),
            TokenAuthorityHint = challenge.TokenAuthority,
        };
        Transport.Report($"getting an Authority Token from the {tokens.Description}");
        string token = await tokens.GetTokenAsync(tokenRequest, ct);
        AuthorityTokenClaims.Parse(token).EnsureAnswers(tokenRequest, Transport.Options.TimeProvider.GetUtcNow());

        Transport.Report("answering the tkauth-01 challenge with the Authority Token");
        return await Transport.PostAsync(challenge.Url, Payloads.Utf8(new JsonObject { ["tkauth"] = token }), Key, Url, ct);
    }

    private Task<AcmeReply> PostAsGetAsync(string url, CancellationToken ct) =>
        Transport.PostAsync(url, ReadOnlyMemory<byte>.Empty, Key, Url, ct);

    /// <summary>The failed challenge's own error (what the CA found wrong), else a description.</summary>
    private static AcmeProblem FailedAuthorization(AuthorizationResource authorization, string fallback) =>
        authorization.Challenges.Select(c => c.Problem).FirstOrDefault(p => p is not null)
        ?? Synthesized(fallback, 403);

    private static AcmeProblem Synthesized(string detail, int status) =>
        new() { Type = ProblemDocument.AboutBlank, Detail = detail, Status = status };

    private static string Rfc3339(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
