using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using TnAcme.Validation;

namespace TnAcme.Cli.Audit;

/// <summary>The auditor's HTTPS view of a TnAcme server: the public log routes and, with a key, the audit API.</summary>
internal sealed class AuditServer : IDisposable
{
    private readonly HttpClient _http;
    private readonly string? _apiKey;

    public AuditServer(Uri server, X509Certificate2Collection extraRoots, string? apiKey)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (extraRoots.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ExtraRootsTlsValidation.Callback([.. extraRoots], requireServerAuth: false);
        }

        string baseUrl = server.GetLeftPart(UriPartial.Authority) + "/";
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("tnacme-audit/0.1");
        _apiKey = apiKey;
        Base = baseUrl;
    }

    public string Base { get; }

    public bool HasApiKey => _apiKey is not null;

    public async Task<string> TextAsync(string path, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(path, auth: false, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<JsonObject> JsonAsync(string path, bool auth, CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(path, auth, ct);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
    }

    public async IAsyncEnumerable<JsonObject> LinesAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using HttpResponseMessage response = await SendAsync(path, auth: true, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonNode.Parse(line)!.AsObject();
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, bool auth, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey ?? throw new AuditUsageException("this needs an auditor key: --api-key-file or --api-key-env"));
        }

        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            string detail = body;
            try
            {
                detail = (string?)JsonNode.Parse(body)?["detail"] ?? body;
            }
            catch (System.Text.Json.JsonException)
            {
            }

            throw new AuditServerException((int)response.StatusCode, $"{path.Split('?')[0]}: {(int)response.StatusCode} {detail.Trim()}");
        }

        return response;
    }

    public void Dispose() => _http.Dispose();
}

internal sealed class AuditServerException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

internal sealed class AuditUsageException(string message) : Exception(message);
