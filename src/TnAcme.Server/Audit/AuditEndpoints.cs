using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TnAcme.Issuance.Inspection;
using TnAcme.Stir;
using TnAcme.Storage.Transparency;

namespace TnAcme.Server.Audit;

/// <summary>
/// The auditor API (docs/audit-api.md): search, one entry with its certificate decoded, and a JSON-lines export.
/// Entry contents reveal who holds which numbers, so every route needs an auditor key (Bearer), and every
/// request — refused ones too — lands in the access log.
/// </summary>
public static class AuditEndpoints
{
    public const int MaxLimit = 1000;

    public static void Map(WebApplication app, TransparencyLog log, CertificateInspector inspector)
    {
        app.MapGet("/audit/v1/certificates", (HttpContext http) => AuthorizedAsync(http, log, async () =>
        {
            AuditQuery query = ParseQuery(http);
            long size = log.CheckpointSize;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<AuditRecord> found = await log.Search.SearchAsync(query, size, now, http.RequestAborted);
            await LogEndpoints.Json(http, new JsonObject
            {
                ["treeSize"] = size,
                ["checkpoint"] = log.Integrator.LatestCheckpoint,
                ["items"] = new JsonArray([.. found.Select(r => (JsonNode)AuditJson.Item(r, now))]),
                ["nextCursor"] = found.Count == query.Limit ? found[^1].LeafIndex.ToString(CultureInfo.InvariantCulture) : null,
            });
            return found.Count;
        }));
        app.MapGet("/audit/v1/entries/{leafIndex}", (HttpContext http, string leafIndex) => AuthorizedAsync(http, log, async () =>
        {
            if (!long.TryParse(leafIndex, NumberStyles.None, CultureInfo.InvariantCulture, out long index))
            {
                throw new AuditInputException("badParameter", "the leaf index is a non-negative decimal number");
            }

            long size = log.CheckpointSize;
            var found = await log.Search.EntryAsync(index, size, http.RequestAborted);
            if (found is not var (kind, record, der))
            {
                await AuditProblem.WriteAsync(http, 404, "notFound", $"no entry {index} in the tree of size {size}");
                return 0;
            }

            JsonObject body = AuditJson.Item(record, DateTimeOffset.UtcNow);
            body["treeSize"] = size;
            body["kind"] = kind == 0 ? "issued" : "revoked";
            if (kind == 0 && der is not null)
            {
                body["certificate"] = Convert.ToBase64String(der);
                body["details"] = inspector.InspectCertificate(der);
            }

            await LogEndpoints.Json(http, body);
            return 1;
        }));
        app.MapGet("/audit/v1/export", (HttpContext http) => AuthorizedAsync(http, log, async () =>
        {
            long size = log.CheckpointSize;
            http.Response.ContentType = "application/x-ndjson";
            http.Response.Headers["X-Tree-Size"] = size.ToString(CultureInfo.InvariantCulture);
            int count = 0;
            await foreach (var (index, kind, entry) in log.Search.AllAsync(size, http.RequestAborted))
            {
                var line = new JsonObject
                {
                    ["leafIndex"] = index,
                    ["kind"] = kind == 0 ? "issued" : "revoked",
                    ["entry"] = JsonNode.Parse(entry),
                    ["entryBytes"] = Convert.ToBase64String(entry),
                };
                await http.Response.WriteAsync(line.ToJsonString() + "\n", http.RequestAborted);
                count++;
            }

            return count;
        }));
    }

    /// <summary>Checks the Bearer key, runs the action, records the access (key id, path and query, status, result count).</summary>
    private static async Task AuthorizedAsync(HttpContext http, TransparencyLog log, Func<Task<int>> action)
    {
        // Answers reveal who holds which numbers: no browser or proxy may keep a copy.
        http.Response.Headers.CacheControl = "no-store";
        string target = http.Request.Path + http.Request.QueryString;
        string header = http.Request.Headers.Authorization.ToString();
        (string Id, string Name)? auditor = null;
        int results = 0;
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await AuditProblem.WriteAsync(http, 401, "unauthorized", "the audit API needs an auditor key: Authorization: Bearer <key>");
        }
        else if ((auditor = await log.Keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), http.RequestAborted)) is null)
        {
            await AuditProblem.WriteAsync(http, 403, "forbidden", "the key is not a valid auditor key (unknown or revoked)");
        }
        else
        {
            try
            {
                results = await action();
            }
            catch (AuditInputException e)
            {
                await AuditProblem.WriteAsync(http, 400, e.Type, e.Message);
            }
        }

        await log.Access.RecordAsync(auditor?.Id, http.Request.Method, target, http.Response.StatusCode, results, CancellationToken.None);
    }

    private static AuditQuery ParseQuery(HttpContext http)
    {
        IQueryCollection q = http.Request.Query;
        var known = new HashSet<string>(["tn", "spc", "range", "account", "serial", "from", "to", "status", "cursor", "limit"], StringComparer.Ordinal);
        if (q.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new AuditInputException("badParameter", $"unknown parameter '{unknown}'; known: {string.Join(", ", known)}");
        }

        var query = new AuditQuery
        {
            TelephoneNumber = Optional(q, "tn") is { } tn ? Number(tn, "tn") : null,
            Spc = Optional(q, "spc") is { } spc ? Spc(spc) : null,
            Range = Optional(q, "range") is { } range ? Range(range) : null,
            Account = Optional(q, "account"),
            Serial = Optional(q, "serial") is { } serial ? Serial(serial) : null,
            From = Optional(q, "from") is { } from ? Time(from, "from") : null,
            To = Optional(q, "to") is { } to ? Time(to, "to") : null,
            Status = Optional(q, "status") switch
            {
                null => null,
                "valid" => CertificateStatusFilter.Valid,
                "revoked" => CertificateStatusFilter.Revoked,
                "expired" => CertificateStatusFilter.Expired,
                _ => throw new AuditInputException("badParameter", "'status' is valid, revoked or expired"),
            },
            After = Optional(q, "cursor") is { } cursor
                ? long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out long after) ? after : throw new AuditInputException("badParameter", "'cursor' is a nextCursor value from a previous page")
                : -1,
            Limit = Optional(q, "limit") is { } limit
                ? int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l is >= 1 and <= MaxLimit ? l : throw new AuditInputException("badParameter", $"'limit' is 1 to {MaxLimit}")
                : 100,
        };
        return query;
    }

    private static string? Optional(IQueryCollection q, string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;

    private static string Number(string text, string name)
    {
        string digits = text.TrimStart('+');
        if (digits.Length is < 1 or > TelephoneNumber.MaxLength || digits.AsSpan().IndexOfAnyExcept("0123456789") >= 0)
        {
            throw new AuditInputException("badParameter", $"'{name}' is a telephone number of 1 to 15 digits");
        }

        return digits;
    }

    private static string Spc(string text)
    {
        try
        {
            return ServiceProviderCode.Parse(text).Value;
        }
        catch (StirDecodeException e)
        {
            throw new AuditInputException("badParameter", "'spc' is not a valid SPC: " + e.Message);
        }
    }

    /// <summary>"first-last" (same number of digits) or "start+count".</summary>
    private static (string, string) Range(string text)
    {
        int plus = text.IndexOf('+', 1), dash = text.IndexOf('-');
        if (dash > 0)
        {
            string first = Number(text[..dash], "range"), last = Number(text[(dash + 1)..], "range");
            if (first.Length != last.Length || string.CompareOrdinal(first, last) > 0)
            {
                throw new AuditInputException("badParameter", "'range' first-last needs two numbers of the same length, first ≤ last");
            }

            return (first, last);
        }

        if (plus > 0 && long.TryParse(text[(plus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long count) && count >= 1)
        {
            string start = Number(text[..plus], "range");
            long end = long.Parse(start, CultureInfo.InvariantCulture) + count - 1;
            string last = end.ToString(CultureInfo.InvariantCulture).PadLeft(start.Length, '0');
            if (last.Length != start.Length)
            {
                throw new AuditInputException("badParameter", "'range' start+count runs past the number's length");
            }

            return (start, last);
        }

        throw new AuditInputException("badParameter", "'range' is first-last or start+count, e.g. 12025550100-12025550199");
    }

    private static string Serial(string text) =>
        text.Length is >= 1 and <= 64 && text.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF") < 0
            ? text.ToUpperInvariant()
            : throw new AuditInputException("badParameter", "'serial' is the certificate serial in hex");

    private static DateTimeOffset Time(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t)
            ? t
            : throw new AuditInputException("badParameter", $"'{name}' is an RFC 3339 time, e.g. 2026-11-27T12:00:00Z");
}
