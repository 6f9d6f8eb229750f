using System.Buffers;
using System.Text.Json;
using TnAcme.Acme.Handlers;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Rendering;

namespace TnAcme.Acme.Protocol;

/// <summary>
/// The protocol front end without a web host: routes a request URL to its handler, authenticates POSTs in one
/// place, and turns every failure into a problem document. The HTTP host only copies bytes and headers.
/// </summary>
public sealed class AcmeService
{
    private readonly AcmeContext _c;
    private readonly INonceService _nonces;
    private readonly RequestAuthenticator _authenticator;
    private readonly AccountHandlers _accounts;
    private readonly OrderHandlers _orders;
    private readonly AuthorizationHandlers _authorizations;
    private readonly CertificateHandlers _certificates;
    private readonly byte[] _directory;

    public AcmeService(AcmeContext context, INonceService nonces)
    {
        _c = context;
        _nonces = nonces;
        _authenticator = new RequestAuthenticator(context.Urls, nonces, context.Accounts, new AccountKeyCache(), context.Options);
        _accounts = new AccountHandlers(context);
        _orders = new OrderHandlers(context);
        _authorizations = new AuthorizationHandlers(context);
        _certificates = new CertificateHandlers(context);
        _directory = BuildDirectory();
    }

    public AcmeUrls Urls => _c.Urls;

    public string NewNonce() => _nonces.Issue();

    public AcmeResponse Directory() => new() { Body = _directory, LinkIndex = false };

    public Task<AcmeResponse> X5uAsync(string serial, CancellationToken ct) => Guard(() => _certificates.X5uAsync(serial, ct));

    /// <summary>Any GET other than the directory, newNonce and x5u (RFC 8555 §6.3).</summary>
    public static AcmeResponse MethodNotAllowed() => Problem(new AcmeProblem
    {
        Type = AcmeErrorType.Malformed,
        Detail = "this resource is read with POST-as-GET (RFC 8555 §6.3), not GET",
        Status = 405,
    });

    public Task<AcmeResponse> PostAsync(string requestUrl, string? contentType, ReadOnlyMemory<byte> body, CancellationToken ct) =>
        Guard(() => RouteAsync(requestUrl, contentType, body, ct));

    private async Task<AcmeResponse> RouteAsync(string requestUrl, string? contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        AcmeUrls u = _c.Urls;
        string path = requestUrl.StartsWith(u.Base, StringComparison.Ordinal) ? requestUrl[u.Base.Length..] : requestUrl;
        string? query = null;
        int q = path.IndexOf('?');
        if (q >= 0)
        {
            query = path[(q + 1)..];
            path = path[..q];
        }

        string[] parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] != "acme")
        {
            throw new AcmeProblemException(AcmeProblem.NotFound("resource"));
        }

        switch (parts[1])
        {
            case "new-account" when parts.Length == 2:
                return await _accounts.NewAccountAsync(await Auth(KeyRequirement.EmbeddedKey), ct);
            case "new-order" when parts.Length == 2:
                return await _orders.NewOrderAsync(await Auth(KeyRequirement.Account), ct);
            case "new-authz" when parts.Length == 2:
                return await _authorizations.NewAuthzAsync(await Auth(KeyRequirement.Account), ct);
            case "revoke-cert" when parts.Length == 2:
                return await _certificates.RevokeAsync(await Auth(KeyRequirement.AccountOrEmbeddedKey), ct);
            case "key-change" when parts.Length == 2:
                return await _accounts.KeyChangeAsync(await Auth(KeyRequirement.Account), ct);
            case "account" when parts.Length == 3:
                return await _accounts.AccountAsync(await Auth(KeyRequirement.Account), parts[2], ct);
            case "account" when parts.Length == 4 && parts[3] == "orders":
                return await _accounts.OrdersAsync(await Auth(KeyRequirement.Account), parts[2], Cursor(query), ct);
            case "order" when parts.Length == 3:
                return await _orders.OrderAsync(await Auth(KeyRequirement.Account), parts[2], ct);
            case "order" when parts.Length == 4 && parts[3] == "finalize":
                return await _orders.FinalizeAsync(await Auth(KeyRequirement.Account), parts[2], ct);
            case "authz" when parts.Length == 3:
                return await _authorizations.AuthorizationAsync(await Auth(KeyRequirement.Account), parts[2], ct);
            case "chall" when parts.Length == 3:
                return await _authorizations.ChallengeAsync(await Auth(KeyRequirement.Account), parts[2], ct);
            case "cert" when parts.Length == 3:
                return await _certificates.DownloadAsync(await Auth(KeyRequirement.Account), parts[2], ct);
            default:
                throw new AcmeProblemException(AcmeProblem.NotFound("resource"));
        }

        Task<AuthenticatedRequest> Auth(KeyRequirement requirement) =>
            _authenticator.AuthenticateAsync(requestUrl, contentType, body, requirement, ct);
    }

    private static string? Cursor(string? query)
    {
        if (query is null)
        {
            return null;
        }

        foreach (string pair in query.Split('&'))
        {
            if (pair.StartsWith("cursor=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["cursor=".Length..]);
            }
        }

        return null;
    }

    private static async Task<AcmeResponse> Guard(Func<Task<AcmeResponse>> handler)
    {
        try
        {
            return await handler();
        }
        catch (AcmeProblemException e)
        {
            return Problem(e.Problem);
        }
    }

    public static AcmeResponse Problem(AcmeProblem problem) => new()
    {
        Status = problem.Status,
        Body = ResourceWriter.Problem(problem),
        ContentType = AcmeResponse.ProblemJson,
        RetryAfterSeconds = problem.RetryAfterSeconds,
        Location = problem.Location,
    };

    private byte[] BuildDirectory()
    {
        AcmeUrls u = _c.Urls;
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("newNonce", u.NewNonce);
            w.WriteString("newAccount", u.NewAccount);
            w.WriteString("newOrder", u.NewOrder);
            w.WriteString("newAuthz", u.NewAuthz);
            w.WriteString("revokeCert", u.RevokeCert);
            w.WriteString("keyChange", u.KeyChange);
            w.WriteStartObject("meta");
            if (_c.Options.TermsOfService is { } tos)
            {
                w.WriteString("termsOfService", tos);
            }

            if (_c.Options.Website is { } website)
            {
                w.WriteString("website", website);
            }

            w.WriteBoolean("externalAccountRequired", _c.Options.ExternalAccountRequired);
            w.WriteStartObject("profiles");
            foreach (var (name, description) in _c.CertificateAuthority.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, description);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
