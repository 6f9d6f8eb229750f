using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Client.Transport;

namespace TnAcme.Client.AuthorityTokens;

/// <summary>
/// Asks a token authority for a token over its HTTPS API (RFC 9447 §5.1, RFC 9448 §5.5):
/// <c>POST {ta}/at/account/{id}/token</c> with <c>Authorization: Bearer KEY</c> and the body
/// <c>{"atc":{"tktype":"TNAuthList","tkvalue":…,"ca":…,"fingerprint":"SHA256 …"}}</c> (the wrapped form RFC 9447 §5.1
/// requires and the STI-PA uses); the answer is <c>{"token":"…"}</c> (extra members, like the STI-PA's <c>crl</c>, ignored).
/// </summary>
public sealed class TokenAuthorityApiSource : IAuthorityTokenSource, IDisposable
{
    private readonly TokenAuthorityApiOptions _options;
    private readonly HttpClient _http;

    public TokenAuthorityApiSource(TokenAuthorityApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.AccountId);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);

        // RFC 9447 §7: TLS MUST protect the token API. Plain HTTP only to this machine, for development.
        if (options.BaseUrl.Scheme != Uri.UriSchemeHttps && !(options.BaseUrl.Scheme == Uri.UriSchemeHttp && options.BaseUrl.IsLoopback))
        {
            throw new ArgumentException("the token authority URL must be https:// (RFC 9447 §7)", nameof(options));
        }

        _options = options;
        _http = ClientHttp.Create(options.ExtraTrustedRoots, options.UserAgent, options.Timeout, options.HttpHandler);
    }

    /// <summary>The token endpoint for this account.</summary>
    public Uri TokenUrl => new(_options.BaseUrl.ToString().TrimEnd('/') + "/at/account/" + Uri.EscapeDataString(_options.AccountId) + "/token");

    public string Description => $"token authority {_options.BaseUrl} (account {_options.AccountId})";

    public async Task<string> GetTokenAsync(AuthorityTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject
        {
            ["atc"] = new JsonObject
            {
                ["tktype"] = request.TkType,
                ["tkvalue"] = request.TkValue,
                ["ca"] = request.Ca,
                ["fingerprint"] = request.Fingerprint,
            },
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, TokenUrl)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        message.Headers.Accept.ParseAdd("application/json");

        using HttpResponseMessage response = await _http.SendAsync(message, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        int status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            string why = status is 401 or 403
                ? "refused the credentials or the account (check --ta-account and --ta-key)"
                : "refused the request";
            throw new AuthorityTokenException($"the token authority {why}: HTTP {status}{Reason(text)}") { HttpStatus = status };
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("token", out JsonElement token)
                && token.ValueKind == JsonValueKind.String
                && token.GetString() is { Length: > 0 } jwt)
            {
                return jwt;
            }
        }
        catch (JsonException)
        {
        }

        throw new AuthorityTokenException($"the token authority answered HTTP {status} without a JSON {{\"token\": …}} body") { HttpStatus = status };
    }

    /// <summary>The detail of a problem document or an {"error": …} body, else a short excerpt of the text.</summary>
    private static string Reason(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            foreach (string member in new[] { "detail", "error_description", "error", "message" })
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty(member, out JsonElement value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    return " — " + value.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }

        string trimmed = text.Trim();
        return " — " + (trimmed.Length > 200 ? trimmed[..200] + "…" : trimmed);
    }

    public void Dispose() => _http.Dispose();
}
