using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TnAcme.Passport.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 serving one file at one path (the x5u of the PASSporTs under test),
/// so peers fetch the certificate chain over the network as they would in production. Counts requests, so a
/// test can show the peer really fetched it.
/// </summary>
internal sealed class ChainHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _body;
    private readonly string _path;
    private readonly Task _loop;
    private int _requests;

    public ChainHttpServer(string path, byte[] body, string contentType = "application/pem-certificate-chain")
    {
        _path = path;
        _body = body;
        ContentType = contentType;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");
        _loop = AcceptLoopAsync(_stop.Token);
    }

    public Uri Url { get; }

    public string ContentType { get; }

    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string request = await ReadHeadAsync(stream, cancellationToken);
                Interlocked.Increment(ref _requests);
                string[] requestLine = request.Split("\r\n")[0].Split(' ');
                bool found = requestLine.Length == 3 && requestLine[0] == "GET" && requestLine[1] == _path;
                byte[] body = found ? _body : "not found\n"u8.ToArray();
                string head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: {(found ? ContentType : "text/plain")}\r\n" +
                              $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
                await stream.WriteAsync(body, cancellationToken);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (head.Length < 16 * 1024 && !head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
