using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace TnAcme.Server.Audit;

/// <summary>RFC 7807 problem documents for the log and audit endpoints (application/problem+json).</summary>
public static class AuditProblem
{
    public const string TypeBase = "urn:tnacme:audit:";

    public static async Task WriteAsync(HttpContext http, int status, string type, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        http.Response.Headers.CacheControl = "no-store";
        if (status == 401)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"tnacme-audit\"";
        }

        var problem = new JsonObject
        {
            ["type"] = TypeBase + type,
            ["title"] = Title(status),
            ["status"] = status,
            ["detail"] = detail,
        };
        await http.Response.WriteAsync(problem.ToJsonString(), http.RequestAborted);
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Authentication required",
        403 => "Forbidden",
        404 => "Not found",
        503 => "Not yet available",
        _ => "Error",
    };
}

/// <summary>A bad input: becomes a 400 problem document naming the parameter.</summary>
public sealed class AuditInputException(string type, string detail) : Exception(detail)
{
    public string Type { get; } = type;
}
