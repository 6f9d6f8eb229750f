using System.Text.Json;
using TnAcme.Acme;
using TnAcme.Acme.Problems;

namespace TnAcme.Client.Transport;

/// <summary>
/// Reads RFC 7807 problem documents by hand: RFC 7807 makes every member optional, while the server-side
/// <see cref="AcmeProblem"/> record requires <c>detail</c>, so a serializer would refuse terse servers.
/// </summary>
internal static class ProblemDocument
{
    public const string MediaType = "application/problem+json";

    /// <summary>RFC 7807 §4.2: the type of a problem that is only its HTTP status.</summary>
    public const string AboutBlank = "about:blank";

    public static AcmeProblem Read(JsonElement element, int httpStatus)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new AcmeProblem { Type = AboutBlank, Detail = "the server sent a problem document that is not a JSON object", Status = httpStatus };
        }

        List<AcmeProblem>? subproblems = null;
        if (element.TryGetProperty("subproblems", out JsonElement subs) && subs.ValueKind == JsonValueKind.Array)
        {
            subproblems = [.. subs.EnumerateArray().Select(s => Read(s, httpStatus))];
        }

        return new AcmeProblem
        {
            Type = String(element, "type") ?? AboutBlank,
            Detail = String(element, "detail") ?? string.Empty,
            Status = element.TryGetProperty("status", out JsonElement s) && s.TryGetInt32(out int status) ? status : httpStatus,
            Identifier = element.TryGetProperty("identifier", out JsonElement id) && id.ValueKind == JsonValueKind.Object
                ? new AcmeIdentifier(String(id, "type") ?? string.Empty, String(id, "value") ?? string.Empty)
                : null,
            Subproblems = subproblems,
            Instance = String(element, "instance"),
            Limit = String(element, "limit"),
            Algorithms = element.TryGetProperty("algorithms", out JsonElement algs) && algs.ValueKind == JsonValueKind.Array
                ? [.. algs.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
                : null,
        };
    }

    public static AcmeProblem Parse(byte[] body, int httpStatus)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            return Read(doc.RootElement, httpStatus);
        }
        catch (JsonException)
        {
            return new AcmeProblem { Type = AboutBlank, Detail = $"HTTP {httpStatus}: the problem document is not JSON", Status = httpStatus };
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
