using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TnAcme.Stir;

namespace TnAcme.Client.Tests.Support;

/// <summary>
/// The token authority API contract the client codes to (RFC 9447 §5.1, RFC 9448 §5.5), served on loopback HTTP:
/// <c>POST /at/account/{id}/token</c>, Bearer key, body <c>{"atc":{…}}</c>, answer <c>{"token":…}</c>; 403 for a
/// wrong key or account. A stand-in until the real token authority lands; tokens come from <see cref="TestTokenAuthority"/>.
/// </summary>
public sealed class TokenAuthorityApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenAuthorityApi(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public List<JsonElement> Requests { get; } = [];

    public static async Task<TokenAuthorityApi> StartAsync(TestTokenAuthority authority, string accountId, string apiKey)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        WebApplication app = builder.Build();
        var api = new TokenAuthorityApi(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/at/account/{id}/token", async (HttpContext http, string id) =>
        {
            if (id != accountId || http.Request.Headers.Authorization.ToString() != "Bearer " + apiKey)
            {
                return Results.Problem(detail: "unknown account or key", statusCode: 403);
            }

            using JsonDocument body = await JsonDocument.ParseAsync(http.Request.Body);
            lock (api.Requests)
            {
                api.Requests.Add(body.RootElement.Clone());
            }

            JsonElement atc = body.RootElement.GetProperty("atc");
            byte[] thumbprint = [.. atc.GetProperty("fingerprint").GetString()!["SHA256 ".Length..].Split(':').Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
            TnAuthList scope = TnAuthListIdentifier.DecodeTolerant(atc.GetProperty("tkvalue").GetString()!);
            string token = authority.Mint(scope, thumbprint, ca: atc.GetProperty("ca").GetBoolean());
            return Results.Json(new { token, crl = "https://ta.example/crl" });
        });
        await app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
