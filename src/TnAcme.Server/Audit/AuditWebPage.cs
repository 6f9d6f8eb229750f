using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TnAcme.Server.Audit;

/// <summary>
/// The auditors' web page (docs/audit-api.md, "The web page"): three static files embedded in the server and served
/// under /audit/. The page only calls the public /log routes and the /audit/v1 API with the auditor's key; it holds
/// no secret of its own, so the point of the headers is that nothing but these files can run in its origin.
/// </summary>
public static class AuditWebPage
{
    /// <summary>
    /// Scripts and styles from these files only (no inline code, so an injected string cannot run), requests to this
    /// origin only, never framed, no form posting anywhere — the API key cannot leave through a stray form submission.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (string ContentType, byte[] Body)> Files = new Dictionary<string, (string, byte[])>
    {
        ["/audit/"] = ("text/html; charset=utf-8", Resource("index.html")),
        ["/audit/app.js"] = ("text/javascript; charset=utf-8", Resource("app.js")),
        ["/audit/app.css"] = ("text/css; charset=utf-8", Resource("app.css")),
        // Named by the page, so browsers do not probe /favicon.ico and log a 404 in the auditor's console.
        ["/audit/favicon.svg"] = ("image/svg+xml", Resource("favicon.svg")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Map(WebApplication app)
    {
        foreach (var (path, file) in Files)
        {
            app.MapGet(path, async (HttpContext http) =>
            {
                Secure(http.Response);
                // Routing ignores a trailing slash, so "/audit" lands here too; the page's relative links need it.
                if (!http.Request.Path.Value!.EndsWith('/') && path.EndsWith('/'))
                {
                    http.Response.Redirect(path);
                    return;
                }

                http.Response.ContentType = file.ContentType;
                // Revalidate each time, so a server upgrade never pairs a new page with an old script.
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.Body.WriteAsync(file.Body, http.RequestAborted);
            });
        }
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }

    private static byte[] Resource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TnAcme.Server.Audit.Web." + name)
            ?? throw new InvalidOperationException($"the audit page resource {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
