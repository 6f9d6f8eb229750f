using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TnAcme.TokenAuthority.Http;

/// <summary>
/// Maps the token authority's HTTP API onto an app, below <c>basePath</c> ("" for the root), so it runs inside
/// `tnacme serve` or on its own: <c>POST /at/account/{id}/token</c>, <c>GET /ta/cert.pem</c>, <c>GET /ta/crl</c>.
/// </summary>
public static class TokenAuthorityEndpoints
{
    /// <summary>A token request is a few hundred bytes; a TNAuthList of many ranges still fits.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    public static void Map(WebApplication app, TokenAuthority ta, string basePath)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(ta);
        ILogger logger = app.Services.GetService<ILoggerFactory>()?.CreateLogger("TnAcme.TokenAuthority") ?? NullLogger.Instance;
        string prefix = "/" + (basePath ?? string.Empty).Trim('/');
        IEndpointRouteBuilder routes = prefix == "/" ? app : app.MapGroup(prefix);

        // Routing also matches "token/", the spelling of the iconectiv STI-PA's URL.
        routes.MapPost("/at/account/{id}/token", (HttpContext http) => HandleTokenAsync(http, ta, logger));
        routes.MapGet("/ta/cert.pem", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/pem-certificate-chain";
            http.Response.Headers.CacheControl = "public, max-age=3600";
            await http.Response.WriteAsync(ta.CertificateChainPem, http.RequestAborted);
        });
        routes.MapGet("/ta/crl", async (HttpContext http) =>
        {
            byte[] der = await ta.CrlAsync(http.RequestAborted);
            http.Response.ContentType = "application/pkix-crl";
            http.Response.Headers.CacheControl = "public, max-age=60";
            await http.Response.Body.WriteAsync(der, http.RequestAborted);
        });
    }

    private static async Task HandleTokenAsync(HttpContext http, TokenAuthority ta, ILogger logger)
    {
        string id = (string)http.Request.RouteValues["id"]!;
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.ContentType is { } type
            && !(MediaTypeHeaderValue.TryParse(type, out MediaTypeHeaderValue? media) && media.MediaType is "application/json"))
        {
            await WriteErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, "a token request is application/json (RFC 9448 §5.5)");
            return;
        }

        byte[]? body = await BoundedBody.ReadAsync(http.Request, MaxRequestBytes, http.RequestAborted);
        if (body is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status413PayloadTooLarge, $"a token request is at most {MaxRequestBytes} bytes");
            return;
        }

        TokenOutcome outcome = await ta.RequestTokenAsync(id, BearerToken(http.Request), body, http.RequestAborted);
        switch (outcome)
        {
            case TokenIssued issued:
                // Never the token or the key: the jti identifies the token for an audit.
                logger.LogInformation("token {Jti} issued to account {Account}, expires {Expires:o}", issued.Jti, Printable(id), issued.ExpiresAt);
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(new JsonObject { ["token"] = issued.Token, ["crl"] = issued.CrlUrl }.ToJsonString(), http.RequestAborted);
                break;
            case TokenRefused refused:
                logger.LogWarning("token refused to account {Account}: {Reason}", Printable(id), refused.Reason);
                await WriteErrorAsync(http, StatusOf(refused.Reason), refused.Detail);
                break;
        }
    }

    private static int StatusOf(TokenRefusal reason) => reason switch
    {
        TokenRefusal.Malformed => StatusCodes.Status400BadRequest,
        TokenRefusal.SignerExpired => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status403Forbidden,
    };

    /// <summary><c>Authorization: Bearer KEY</c>; anything else counts as no credential.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string Scheme = "Bearer ";
        return header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    /// <summary>RFC 9457 problem document: a status, a title and a human-readable detail.</summary>
    private static Task WriteErrorAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        var problem = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["detail"] = detail,
        };
        return http.Response.WriteAsync(problem.ToJsonString(), http.RequestAborted);
    }

    /// <summary>An account id from the URL, made safe for a log line.</summary>
    private static string Printable(string value) =>
        value.Length <= 64 && value.All(c => c is > ' ' and < (char)0x7F) ? value : "(unprintable id)";
}
