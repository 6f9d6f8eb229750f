using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Acme.Jose;

namespace TnAcme.Server.Tests;

/// <summary>A deliberately low-level ACME client: every request is built by hand so tests can break any rule.</summary>
public sealed class AcmeTestClient : IDisposable
{
    private readonly HttpClient _http;

    public AcmeTestClient(string directoryUrl, X509Certificate2 trustedRoot)
    {
        DirectoryUrl = directoryUrl;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(trustedRoot);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(cert);
            },
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("tnacme-tests/1.0");
    }

    public string DirectoryUrl { get; }

    public JsonObject Directory { get; private set; } = [];

    public JwsSigner Key { get; set; } = JwsSigner.ForECDsa(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public string? AccountUrl { get; set; }

    public async Task LoadDirectoryAsync() =>
        Directory = JsonNode.Parse(await _http.GetStringAsync(DirectoryUrl))!.AsObject();

    public string Url(string name) => (string)Directory[name]!;

    public async Task<string> NonceAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Url("newNonce"));
        using HttpResponseMessage response = await _http.SendAsync(request);
        return response.Headers.GetValues("Replay-Nonce").Single();
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    /// <summary>Signs with <see cref="Key"/>: kid when an account is known (unless <paramref name="useJwk"/>), jwk otherwise.</summary>
    public async Task<AcmeReply> PostAsync(string url, JsonNode? payload, bool useJwk = false, JwsSigner? signer = null, string? nonce = null, string? signedUrl = null)
    {
        signer ??= Key;
        byte[] bytes = payload is null ? [] : Encoding.UTF8.GetBytes(payload.ToJsonString());
        string? kid = useJwk || AccountUrl is null ? null : AccountUrl;
        string theNonce = nonce ?? await NonceAsync();
        string body = signer.Sign(bytes, signedUrl ?? url, theNonce, kid);
        return await PostRawAsync(url, body);
    }

    public async Task<AcmeReply> PostRawAsync(string url, string body, string contentType = "application/jose+json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using HttpResponseMessage response = await _http.PostAsync(url, content);
        return await AcmeReply.ReadAsync(response);
    }

    public void Dispose() => _http.Dispose();
}

public sealed record AcmeReply(HttpStatusCode Status, string ContentType, string Body, string? Location, string? Nonce, IReadOnlyList<string> Links, string? RetryAfter)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? ProblemType => ContentType == "application/problem+json" ? (string?)Json["type"] : null;

    public static async Task<AcmeReply> ReadAsync(HttpResponseMessage r) => new(
        r.StatusCode,
        r.Content.Headers.ContentType?.MediaType ?? string.Empty,
        await r.Content.ReadAsStringAsync(),
        r.Headers.Location?.ToString(),
        r.Headers.TryGetValues("Replay-Nonce", out var n) ? n.Single() : null,
        r.Headers.TryGetValues("Link", out var l) ? l.ToList() : [],
        r.Headers.TryGetValues("Retry-After", out var ra) ? ra.Single() : null);

    public override string ToString() => $"{(int)Status} {ContentType} {Body}";
}
