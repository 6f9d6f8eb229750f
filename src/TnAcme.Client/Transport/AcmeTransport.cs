using System.Net.Http.Headers;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Client.Resources;

namespace TnAcme.Client.Transport;

/// <summary>
/// The wire: the directory, nonces, and JWS-signed POSTs (RFC 8555 §6.2) with exactly one retry on badNonce
/// (§6.5: the error carries a fresh nonce the server promises to accept).
/// </summary>
internal sealed class AcmeTransport : IDisposable
{
    public const string JoseMediaType = "application/jose+json";

    private readonly HttpClient _http;

    public AcmeTransport(AcmeClientOptions options)
    {
        Options = options;
        Poller = new Poller(options);
        _http = ClientHttp.Create(options.ExtraTrustedRoots, options.UserAgent, options.RequestTimeout, options.HttpHandler);
    }

    public AcmeClientOptions Options { get; }

    public NoncePool Nonces { get; } = new();

    public Poller Poller { get; }

    public AcmeDirectory Directory { get; private set; } = new();

    public void Report(string message) => Options.Progress?.Report(message);

    public async Task<AcmeDirectory> LoadDirectoryAsync(CancellationToken ct)
    {
        string url = Options.DirectoryUrl.ToString();
        using HttpResponseMessage response = await _http.GetAsync(Options.DirectoryUrl, ct);
        AcmeReply reply = await AcmeReply.ReadAsync(response, ct);
        Nonces.Add(reply.Nonce);
        if (reply.IsError)
        {
            throw new AcmeClientException(reply.Problem(), url);
        }

        AcmeDirectory directory = reply.Read(ClientJson.Default.AcmeDirectory, url);
        string[] missing = [.. directory.MissingResources];
        if (missing.Length > 0)
        {
            throw new AcmeClientException(
                new AcmeProblem { Type = ProblemDocument.AboutBlank, Detail = $"the directory lacks {string.Join(", ", missing)}: is {url} an ACME directory?", Status = reply.Status },
                url);
        }

        Directory = directory;
        return directory;
    }

    /// <summary>
    /// POSTs <paramref name="payload"/> (empty: POST-as-GET, §6.3) signed by <paramref name="signer"/>, naming the
    /// account by <paramref name="kid"/> or, when null, embedding the key as <c>jwk</c>.
    /// </summary>
    /// <exception cref="AcmeClientException">Any error response, after the one badNonce retry.</exception>
    public async Task<AcmeReply> PostAsync(string url, ReadOnlyMemory<byte> payload, JwsSigner signer, string? kid, CancellationToken ct, string? accept = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            string nonce = Nonces.TryTake(out string pooled) ? pooled : await FreshNonceAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(signer.Sign(payload.Span, url, nonce, kid))),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JoseMediaType);
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using HttpResponseMessage response = await _http.SendAsync(request, ct);
            AcmeReply reply = await AcmeReply.ReadAsync(response, ct);
            Nonces.Add(reply.Nonce);
            if (!reply.IsError)
            {
                return reply;
            }

            AcmeProblem problem = reply.Problem();
            if (attempt == 1 && problem.Type == AcmeErrorType.BadNonce)
            {
                Report("the server refused the nonce (badNonce); retrying once with the fresh one it sent");
                continue;
            }

            throw new AcmeClientException(problem, url);
        }
    }

    /// <summary>
    /// A nonce straight from newNonce, for when the pool is empty: HEAD (§7.2 SHOULD), then GET (MUST) for a server
    /// whose HEAD carries none.
    /// </summary>
    private async Task<string> FreshNonceAsync(CancellationToken ct)
    {
        int status = 0;
        foreach (HttpMethod method in new[] { HttpMethod.Head, HttpMethod.Get })
        {
            using var request = new HttpRequestMessage(method, Directory.NewNonce);
            using HttpResponseMessage response = await _http.SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (response.Headers.TryGetValues("Replay-Nonce", out IEnumerable<string>? values) && values.FirstOrDefault() is { Length: > 0 } nonce)
            {
                return nonce;
            }
        }

        throw new AcmeClientException(
            new AcmeProblem { Type = ProblemDocument.AboutBlank, Detail = $"newNonce answered HTTP {status} without a Replay-Nonce", Status = status },
            Directory.NewNonce);
    }

    public void Dispose() => _http.Dispose();
}
