using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>
/// A real HTTPS server on 127.0.0.1 with a random port (TcpListener + SslStream, HTTP/1.1, one request per
/// connection), serving canned responses by path and counting requests. Its TLS certificate is self-signed.
/// </summary>
internal sealed class X5uTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;

    public X5uTestServer()
    {
        TlsCertificate = TestCertificates.CreateTlsServer();
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public X509Certificate2 TlsCertificate { get; }

    public int Port { get; }

    /// <summary>The allow-list entry for this server.</summary>
    public string HostPort => $"127.0.0.1:{Port}";

    public Uri Url(string path) => new($"https://127.0.0.1:{Port}{path}");

    public void Map(string path, string body, int status = 200, string contentType = "application/pem-certificate-chain") =>
        Map(path, Encoding.ASCII.GetBytes(body), status, contentType);

    public void Map(
        string path,
        byte[] body,
        int status = 200,
        string? contentType = "application/pem-certificate-chain",
        bool sendContentLength = true,
        IReadOnlyDictionary<string, string>? headers = null,
        TimeSpan delay = default) =>
        _routes[path] = new Route(status, body, contentType, sendContentLength, headers ?? new Dictionary<string, string>(), delay);

    public int Requests(string path) => _requests.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        TlsCertificate.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = TlsCertificate }, _stop.Token);
                string? path = await ReadRequestPathAsync(tls);
                if (path is null)
                {
                    return;
                }

                _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
                Route route = _routes.TryGetValue(path, out Route? found) ? found : new Route(404, "not found"u8.ToArray(), "text/plain", true, new Dictionary<string, string>(), default);
                if (route.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(route.Delay, _stop.Token);
                }

                var head = new StringBuilder();
                head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {route.Status} Status\r\nConnection: close\r\n");
                if (route.ContentType is not null)
                {
                    head.Append(CultureInfo.InvariantCulture, $"Content-Type: {route.ContentType}\r\n");
                }

                if (route.SendContentLength)
                {
                    head.Append(CultureInfo.InvariantCulture, $"Content-Length: {route.Body.Length}\r\n");
                }

                foreach ((string name, string value) in route.Headers)
                {
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }

                head.Append("\r\n");
                await tls.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                await tls.WriteAsync(route.Body, _stop.Token);
                await tls.FlushAsync(_stop.Token);
                await tls.ShutdownAsync();
            }
            catch (Exception)
            {
                // Clients that refuse the certificate or give up early are part of the tests.
            }
        }
    }

    /// <summary>Reads the request head (up to 16 KiB) and returns the request-target of a GET.</summary>
    private static async Task<string?> ReadRequestPathAsync(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        int total = 0;
        while (total < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(total));
            if (read == 0)
            {
                return null;
            }

            total += read;
            string text = Encoding.ASCII.GetString(buffer, 0, total);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                string[] requestLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
                return requestLine.Length == 3 && requestLine[0] == "GET" ? requestLine[1] : null;
            }
        }

        return null;
    }

    private sealed record Route(int Status, byte[] Body, string? ContentType, bool SendContentLength, IReadOnlyDictionary<string, string> Headers, TimeSpan Delay);
}
