using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Cli.Bench;

/// <summary>A step of an issuance that did not answer as expected.</summary>
internal sealed class BenchStepException : Exception
{
    public BenchStepException(string step, string message, Exception? inner = null)
        : base($"{step}: {message}", inner) => Step = step;

    public string Step { get; }
}

/// <summary>The ACME endpoints a run needs, read once from the directory.</summary>
internal sealed record BenchDirectory(string NewNonce, string NewAccount, string NewOrder)
{
    public static async Task<BenchDirectory> LoadAsync(HttpClient http, string url, CancellationToken ct)
    {
        using JsonDocument doc = JsonDocument.Parse(await http.GetByteArrayAsync(url, ct));
        JsonElement d = doc.RootElement;
        return new BenchDirectory(d.GetProperty("newNonce").GetString()!, d.GetProperty("newAccount").GetString()!, d.GetProperty("newOrder").GetString()!);
    }
}

/// <summary>
/// One worker's ACME client: an account key, the account URL and the nonce from the last response. Issues with
/// the five requests of a TNAuthList order whose authorization is new (newOrder, authorization, tkauth-01
/// challenge, finalize, certificate).
/// </summary>
internal sealed class BenchSession : IDisposable
{
    public const string JoseJson = "application/jose+json";
    private static readonly MediaTypeHeaderValue JoseMediaType = MediaTypeHeaderValue.Parse(JoseJson);

    private readonly HttpClient _http;
    private readonly BenchDirectory _directory;
    private readonly BenchCounters _counters;
    private readonly ECDsa? _ownedKey;
    private string? _nonce;

    /// <summary>A session with a new P-256 account key (not yet registered).</summary>
    public BenchSession(HttpClient http, BenchDirectory directory, BenchCounters counters)
        : this(http, directory, counters, ECDsa.Create(ECCurve.NamedCurves.nistP256), null)
    {
    }

    private BenchSession(HttpClient http, BenchDirectory directory, BenchCounters counters, ECDsa? ownedKey, JwsSigner? shared)
    {
        _http = http;
        _directory = directory;
        _counters = counters;
        _ownedKey = ownedKey;
        Key = shared ?? JwsSigner.ForECDsa(ownedKey!);
        Fingerprint = BenchTokenAuthority.Fingerprint(Key.PublicKey.Thumbprint());
    }

    public JwsSigner Key { get; }

    public string Fingerprint { get; }

    public string? AccountUrl { get; set; }

    /// <summary>An HttpClient for every worker: pooled HTTP/1.1 connections (one per worker) or HTTP/2, trusting <paramref name="trustedRoot"/>.</summary>
    public static HttpClient CreateHttpClient(X509Certificate2 trustedRoot, int connections, bool http2)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    if (cert is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(trustedRoot);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(cert as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(cert.GetRawCertData()));
                },
            },
        };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        if (http2)
        {
            http.DefaultRequestVersion = HttpVersion.Version20;
            http.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        http.DefaultRequestHeaders.UserAgent.ParseAdd("tnacme-bench/1.0");
        return http;
    }

    /// <summary>Another session on the same account (same key and account URL) with a nonce of its own.</summary>
    public BenchSession WithOwnNonce() => new(_http, _directory, _counters, null, Key) { AccountUrl = AccountUrl };

    public void Dispose() => _ownedKey?.Dispose();

    /// <summary>newAccount signed with the embedded key; with EAB when <paramref name="eabKid"/> is given.</summary>
    public async Task CreateAccountAsync(string? eabKid, byte[]? eabHmac, CancellationToken ct)
    {
        string url = _directory.NewAccount;
        var payload = new StringBuilder("{\"termsOfServiceAgreed\":true,\"contact\":[\"mailto:bench@carrier.example\"]");
        if (eabKid is not null)
        {
            payload.Append(",\"externalAccountBinding\":").Append(ExternalAccountBinding.Create(eabKid, eabHmac!, url, Key.PublicKey));
        }

        payload.Append('}');
        Reply reply = await PostAsync("newAccount", url, Encoding.UTF8.GetBytes(payload.ToString()), useJwk: true, ct);
        if (reply.Status is not (HttpStatusCode.Created or HttpStatusCode.OK) || reply.Location is null)
        {
            throw reply.Unexpected("newAccount", "201 with a Location");
        }

        AccountUrl = reply.Location;
    }

    /// <summary>One complete issuance for <paramref name="list"/>; returns the certificate chain's length in bytes.</summary>
    public async Task<int> IssueAsync(TnAuthList list, string token, byte[] csrDer, string? profile, BenchStepTimes times, CancellationToken ct)
    {
        string identifier = TnAuthListIdentifier.Encode(list);
        string order = profile is null
            ? $"{{\"identifiers\":[{{\"type\":\"TNAuthList\",\"value\":\"{identifier}\"}}]}}"
            : $"{{\"identifiers\":[{{\"type\":\"TNAuthList\",\"value\":\"{identifier}\"}}],\"profile\":{JsonSerializer.Serialize(profile)}}}";

        long t = times.Start();
        Reply created = await PostAsync(BenchSteps.NewOrder, _directory.NewOrder, Encoding.UTF8.GetBytes(order), useJwk: false, ct);
        if (created.Status != HttpStatusCode.Created)
        {
            throw created.Unexpected(BenchSteps.NewOrder, "201");
        }

        string authorizationUrl, finalizeUrl;
        using (JsonDocument doc = created.Json(BenchSteps.NewOrder))
        {
            JsonElement authorizations = doc.RootElement.GetProperty("authorizations");
            if (authorizations.GetArrayLength() != 1)
            {
                throw new BenchStepException(BenchSteps.NewOrder, $"expected one authorization, got {authorizations.GetArrayLength()}");
            }

            authorizationUrl = authorizations[0].GetString()!;
            finalizeUrl = doc.RootElement.GetProperty("finalize").GetString()!;
        }

        t = times.Lap(BenchStep.NewOrder, t);
        Reply authz = await PostAsync(BenchSteps.Authorization, authorizationUrl, [], useJwk: false, ct);
        if (authz.Status != HttpStatusCode.OK)
        {
            throw authz.Unexpected(BenchSteps.Authorization, "200");
        }

        string? challengeUrl = null;
        using (JsonDocument doc = authz.Json(BenchSteps.Authorization))
        {
            if (doc.RootElement.GetProperty("status").GetString() != "pending")
            {
                throw new BenchStepException(BenchSteps.Authorization, $"the authorization is {doc.RootElement.GetProperty("status").GetString()}, not pending (reused?)");
            }

            foreach (JsonElement c in doc.RootElement.GetProperty("challenges").EnumerateArray())
            {
                if (c.GetProperty("type").GetString() == "tkauth-01")
                {
                    challengeUrl = c.GetProperty("url").GetString();
                }
            }
        }

        if (challengeUrl is null)
        {
            throw new BenchStepException(BenchSteps.Authorization, "no tkauth-01 challenge");
        }

        t = times.Lap(BenchStep.Authorization, t);
        Reply validated = await PostAsync(BenchSteps.Challenge, challengeUrl, Encoding.UTF8.GetBytes($"{{\"tkauth\":\"{token}\"}}"), useJwk: false, ct);
        if (validated.Status != HttpStatusCode.OK || !validated.HasStatus(BenchSteps.Challenge, "valid"))
        {
            throw validated.Unexpected(BenchSteps.Challenge, "200 and status valid");
        }

        t = times.Lap(BenchStep.Challenge, t);
        Reply finalized = await PostAsync(BenchSteps.Finalize, finalizeUrl, Encoding.UTF8.GetBytes($"{{\"csr\":\"{Base64Url.Encode(csrDer)}\"}}"), useJwk: false, ct);
        if (finalized.Status != HttpStatusCode.OK)
        {
            throw finalized.Unexpected(BenchSteps.Finalize, "200");
        }

        string certificateUrl;
        using (JsonDocument doc = finalized.Json(BenchSteps.Finalize))
        {
            if (doc.RootElement.GetProperty("status").GetString() != "valid" || !doc.RootElement.TryGetProperty("certificate", out JsonElement cert))
            {
                throw finalized.Unexpected(BenchSteps.Finalize, "status valid with a certificate URL");
            }

            certificateUrl = cert.GetString()!;
        }

        t = times.Lap(BenchStep.Finalize, t);
        Reply download = await PostAsync(BenchSteps.Certificate, certificateUrl, [], useJwk: false, ct);
        if (download.Status != HttpStatusCode.OK || download.ContentType != "application/pem-certificate-chain")
        {
            throw download.Unexpected(BenchSteps.Certificate, "200 application/pem-certificate-chain");
        }

        times.Lap(BenchStep.Certificate, t);
        return download.Body.Length;
    }

    /// <summary>A fresh P-256 key's CSR with the TNAuthList extension (what an SP's STI-CR would send).</summary>
    public static byte[] Csr(TnAuthList list, ECDsa certificateKey, byte[] subjectPublicKeyInfo) =>
        TnAcme.Client.Issuance.StirCsr.Create(certificateKey, subjectPublicKeyInfo, new TnAcme.Client.Issuance.CertificateOrderRequest { TnAuthList = list, Organization = "Example Carrier" });

    private async Task<Reply> PostAsync(string step, string url, byte[] payload, bool useJwk, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            string nonce = _nonce ?? await NewNonceAsync(step, ct);
            _nonce = null;
            string body = Key.Sign(payload, url, nonce, useJwk ? null : AccountUrl);
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.ContentType = JoseMediaType;
            Reply reply;
            try
            {
                using HttpResponseMessage response = await _http.PostAsync(url, content, ct);
                Interlocked.Increment(ref _counters.Requests);
                _nonce = response.Headers.TryGetValues("Replay-Nonce", out IEnumerable<string>? n) ? n.FirstOrDefault() : null;
                reply = new Reply(
                    response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType,
                    response.Headers.Location?.ToString(),
                    await response.Content.ReadAsByteArrayAsync(ct));
            }
            catch (HttpRequestException e)
            {
                throw new BenchStepException(step, e.Message, e);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new BenchStepException(step, "timed out", e);
            }

            if (attempt == 0 && reply.IsProblem("urn:ietf:params:acme:error:badNonce"))
            {
                // RFC 8555 §6.5: retry once with the nonce the error carried.
                Interlocked.Increment(ref _counters.BadNonceRetries);
                continue;
            }

            return reply;
        }
    }

    private async Task<string> NewNonceAsync(string step, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, _directory.NewNonce);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, ct);
            Interlocked.Increment(ref _counters.Requests);
            Interlocked.Increment(ref _counters.NonceRequests);
            return response.Headers.TryGetValues("Replay-Nonce", out IEnumerable<string>? n) && n.FirstOrDefault() is { } nonce
                ? nonce
                : throw new BenchStepException(step, $"newNonce answered {(int)response.StatusCode} without a Replay-Nonce");
        }
        catch (HttpRequestException e)
        {
            throw new BenchStepException(step, "newNonce: " + e.Message, e);
        }
    }

    internal sealed record Reply(HttpStatusCode Status, string? ContentType, string? Location, byte[] Body)
    {
        public JsonDocument Json(string step)
        {
            try
            {
                return JsonDocument.Parse(Body);
            }
            catch (JsonException e)
            {
                throw new BenchStepException(step, "the response is not JSON", e);
            }
        }

        public bool HasStatus(string step, string status)
        {
            using JsonDocument doc = Json(step);
            return doc.RootElement.TryGetProperty("status", out JsonElement s) && s.GetString() == status;
        }

        public bool IsProblem(string type)
        {
            if (ContentType != "application/problem+json")
            {
                return false;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(Body);
                return doc.RootElement.TryGetProperty("type", out JsonElement t) && t.GetString() == type;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public BenchStepException Unexpected(string step, string wanted)
        {
            string text = Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 400)));
            return new BenchStepException(step, $"wanted {wanted}, got {(int)Status} {ContentType} {text}");
        }
    }
}
