using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TnAcme.TokenAuthority.Http;

/// <summary>The token authority on its own HTTPS listener (`tnacme token-authority serve`, tests).</summary>
public sealed class TokenAuthorityHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenAuthorityHost(WebApplication app) => _app = app;

    /// <param name="listen">https://ADDRESS:PORT to bind (an IP literal or localhost).</param>
    /// <param name="tls">The server certificate, with its private key.</param>
    /// <param name="basePath">Where the endpoints sit below the origin; "" for the root.</param>
    public static async Task<TokenAuthorityHost> StartAsync(
        TokenAuthority ta,
        Uri listen,
        X509Certificate2 tls,
        string basePath = "",
        Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (listen.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("the token authority listens on HTTPS only (RFC 9447 §7)", nameof(listen));
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = TokenAuthorityEndpoints.MaxRequestBytes;
            IPAddress address = listen.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(listen.Host.Trim('[', ']'));
            k.Listen(address, listen.Port, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(tls);
            });
        });
        WebApplication app = builder.Build();
        TokenAuthorityEndpoints.Map(app, ta, basePath);
        app.MapGet("/health", () => Results.Text("ok\n"));
        await app.StartAsync(cancellationToken);
        return new TokenAuthorityHost(app);
    }

    /// <summary>
    /// Completes when <paramref name="ct"/> is cancelled (Ctrl-C through the command line) or the host stops on its
    /// own: the generic host takes SIGTERM itself and would otherwise leave a caller waiting on its token forever.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
