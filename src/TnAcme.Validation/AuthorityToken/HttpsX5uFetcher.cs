using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// Fetches <c>x5u</c> chains over HTTPS with an SSRF guard: the host is resolved here, every address is checked
/// (<see cref="X5uAddressPolicy"/>), and the socket connects to a checked address, so DNS rebinding cannot slip
/// past. No proxy, no redirects, a whole-request timeout, a body limit counted while reading, and a TTL cache.
/// </summary>
public sealed class HttpsX5uFetcher : IX5uFetcher, IDisposable
{
    private readonly AuthorityTokenOptions _options;
    private readonly HashSet<string> _allowed;
    private readonly X5uCache _cache;
    private readonly HttpClient _client;
    private readonly X509Certificate2[] _extraRoots;

    public HttpsX5uFetcher(AuthorityTokenOptions options, X5uTlsOptions? tls = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _allowed = new HashSet<string>(options.AllowedX5uHosts.Select(HostPort.ParseAllowListEntry), StringComparer.Ordinal);
        _cache = new X5uCache(options.X5uCacheTtl, options.X5uCacheMaxEntries, timeProvider ?? TimeProvider.System);
        tls ??= new X5uTlsOptions();
        _extraRoots = [.. tls.ExtraTrustRoots];

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = ConnectAsync,
            ConnectTimeout = options.X5uTimeout,
            MaxResponseHeadersLength = 16,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 4,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = tls.ServerCertificateValidation
            ?? (_extraRoots.Length > 0 ? ExtraRootsTlsValidation.Callback(_extraRoots, requireServerAuth: true) : null);
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<IReadOnlyList<byte[]>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        CheckUrl(url);
        string key = url.AbsoluteUri;
        if (!_cache.TryGet(key, out byte[][] der))
        {
            der = await DownloadAsync(url, cancellationToken).ConfigureAwait(false);
            _cache.Add(key, der);
        }

        return der;
    }

    public void Dispose() => _client.Dispose();

    private static void CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps)
        {
            throw Fail($"x5u {Show(url)} is not an HTTPS URL (RFC 9448 §6 step 2)");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw Fail($"x5u {Show(url)} carries user information; it is refused");
        }

        if (!string.IsNullOrEmpty(url.Fragment) || url.OriginalString.Contains('#', StringComparison.Ordinal))
        {
            throw Fail($"x5u {Show(url)} carries a fragment; it is refused");
        }
    }

    private async Task<byte[][]> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.X5uTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pem-certificate-chain"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pkix-cert"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.1));
            using HttpResponseMessage response = await _client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);

            int status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                string to = response.Headers.Location is { } location ? $" to {Show(location)}" : string.Empty;
                throw Fail($"x5u {Show(url)} answered a redirect (HTTP {status}){to}; redirects are not followed");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Fail($"x5u {Show(url)} answered HTTP {status}");
            }

            int max = _options.X5uMaxBytes;
            if (response.Content.Headers.ContentLength > max)
            {
                throw Fail($"x5u {Show(url)} announces {response.Content.Headers.ContentLength} bytes; at most {max} are accepted");
            }

            byte[] body = await ReadLimitedAsync(response.Content, max, url, timeout.Token).ConfigureAwait(false);
            try
            {
                return [.. CertificateBundle.Parse(body, _options.MaxCertificates)];
            }
            catch (InvalidDataException ex)
            {
                throw Fail($"x5u {Show(url)} did not serve a certificate chain: {ex.Message}", ex);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail($"x5u {Show(url)} did not answer within {_options.X5uTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw FindGuardFailure(ex) ?? Fail($"x5u {Show(url)} could not be fetched: {Reason(ex)}", ex);
        }
        catch (IOException ex)
        {
            throw Fail($"x5u {Show(url)} could not be read: {ex.Message}", ex);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, int max, Uri url, CancellationToken cancellationToken)
    {
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = new byte[max + 1];
            int total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > max)
                {
                    throw Fail($"x5u {Show(url)} sent more than {max} bytes; at most {max} are accepted");
                }
            }

            return buffer[..total];
        }
    }

    /// <summary>
    /// Resolves and checks the host, then connects to a checked address. The TLS handshake (SNI, name check) still
    /// uses the URL's host name.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        string host = context.DnsEndPoint.Host;
        int port = context.DnsEndPoint.Port;
        bool allowListed = _allowed.Contains(HostPort.Key(host, port));
        string bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;

        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out IPAddress? literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw Fail($"x5u host {bare} could not be resolved: {ex.Message}", ex);
            }
        }

        IPAddress[] usable = allowListed ? addresses : [.. addresses.Where(X5uAddressPolicy.IsPublic)];
        if (usable.Length == 0)
        {
            string refused = string.Join(", ", addresses.Select(a => $"{a} ({X5uAddressPolicy.Classify(a)})"));
            throw Fail(addresses.Length == 0
                ? $"x5u host {bare} resolves to no address"
                : $"x5u host {bare}:{port} resolves only to non-public addresses [{refused}]; refused by the SSRF guard (not in AllowedX5uHosts)");
        }

        SocketException? last = null;
        foreach (IPAddress address in usable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw Fail($"x5u host {bare}:{port} refused or did not accept the connection: {last?.Message}", last);
    }

    private static AuthorityTokenException? FindGuardFailure(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AuthorityTokenException found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Reason(HttpRequestException ex)
    {
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return "the TLS handshake failed or the server certificate is not trusted for this host";
        }

        return ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
    }

    private static string Show(Uri url) => JoseHeader.Printable(url.OriginalString);

    private static AuthorityTokenException Fail(string detail, Exception? inner = null) => new(AuthorityTokenCheck.X5u, detail, inner);
}
