using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Http;

/// <summary>
/// The service provider's side of token acquisition (RFC 9448 §5.5): POSTs the wrapped <c>{"atc":{…}}</c> body, the
/// form the STI-PA takes, with the API key as a bearer credential.
/// </summary>
public sealed class TokenAuthorityClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TokenAuthorityUrls _urls;
    private readonly X509Certificate2Collection _extraRoots;

    /// <param name="extraRoots">Roots trusted for the TA's TLS beyond the system store (a development root).</param>
    public TokenAuthorityClient(Uri baseUri, X509Certificate2Collection? extraRoots = null)
    {
        _urls = new TokenAuthorityUrls(baseUri);
        _extraRoots = extraRoots ?? [];
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (_extraRoots.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = TnAcme.Validation.ExtraRootsTlsValidation.Callback([.. _extraRoots], requireServerAuth: false);
        }

        // A token response is a few kilobytes; a server that sends more is not a token authority.
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = 1 << 20 };
    }

    /// <summary>Returns the token; throws <see cref="TokenAuthorityClientException"/> with the TA's reason on refusal.</summary>
    public async Task<TokenResponse> RequestAsync(string accountId, string apiKey, TnAuthList list, string fingerprint, bool ca = false, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["atc"] = new JsonObject
            {
                ["tktype"] = TnAuthListIdentifier.IdentifierType,
                ["tkvalue"] = TnAuthListIdentifier.Encode(list),
                ["ca"] = ca,
                ["fingerprint"] = fingerprint,
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, _urls.Token(accountId))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using HttpResponseMessage response = await _http.SendAsync(request, ct);
        string text = await response.Content.ReadAsStringAsync(ct);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (!response.IsSuccessStatusCode)
        {
            string detail = json?["detail"]?.GetValueKind() == JsonValueKind.String ? (string)json["detail"]! : text.Trim();
            throw new TokenAuthorityClientException((int)response.StatusCode, detail);
        }

        if (json?["token"]?.GetValueKind() != JsonValueKind.String)
        {
            throw new TokenAuthorityClientException((int)response.StatusCode, "the token authority answered 200 without a token");
        }

        string? crl = json["crl"]?.GetValueKind() == JsonValueKind.String ? (string)json["crl"]! : null;
        return new TokenResponse((string)json["token"]!, crl);
    }

    public void Dispose() => _http.Dispose();

}

/// <summary>A token and, when the TA names one, the CRL URL of its signing certificates.</summary>
public sealed record TokenResponse(string Token, string? Crl);

/// <summary>The token authority refused (403 credentials or grants, 400 malformed) or answered nonsense.</summary>
public sealed class TokenAuthorityClientException : Exception
{
    public TokenAuthorityClientException(int status, string detail)
        : base($"the token authority answered HTTP {status}: {detail}")
    {
        Status = status;
        Detail = detail;
    }

    public TokenAuthorityClientException()
    {
    }

    public TokenAuthorityClientException(string message)
        : base(message)
    {
    }

    public TokenAuthorityClientException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int Status { get; }

    public string Detail { get; } = string.Empty;
}
