using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TnAcme.Server.Audit;

/// <summary>
/// The public face of the issuance log (docs/audit-api.md): signed checkpoint, verifier key, inclusion and
/// consistency proofs, leaf hashes. None of it reveals who holds which numbers.
/// </summary>
public static class LogEndpoints
{
    public const int MaxLeafHashes = 10_000;

    public static void Map(WebApplication app, TransparencyLog log)
    {
        app.MapGet("/log/checkpoint", async (HttpContext http) =>
        {
            if (log.Integrator.LatestCheckpoint is not { } note)
            {
                await AuditProblem.WriteAsync(http, 503, "noCheckpoint", "the log has not signed a checkpoint yet");
                return;
            }

            http.Response.ContentType = "text/plain; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.WriteAsync(note, http.RequestAborted);
        });
        app.MapGet("/log/key", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(log.Key.VerifierKey + "\n", http.RequestAborted);
        });
        app.MapGet("/log/proof/inclusion", (HttpContext http) => Guarded(http, async () =>
        {
            long size = Long(http, "treeSize", 1, log.CheckpointSize, "a tree size between 1 and the latest checkpoint's");
            long index = Long(http, "index", 0, size - 1, "a leaf index below treeSize");
            await Json(http, new JsonObject
            {
                ["leafIndex"] = index,
                ["treeSize"] = size,
                ["leafHash"] = Convert.ToBase64String(log.Tree.LeafHash(index)),
                ["proof"] = Hashes(log.Tree.InclusionProof(index, size)),
            });
        }));
        app.MapGet("/log/proof/consistency", (HttpContext http) => Guarded(http, async () =>
        {
            long second = Long(http, "second", 0, log.CheckpointSize, "a tree size up to the latest checkpoint's");
            long first = Long(http, "first", 0, second, "a tree size up to second");
            await Json(http, new JsonObject
            {
                ["first"] = first,
                ["second"] = second,
                ["proof"] = Hashes(log.Tree.ConsistencyProof(first, second)),
            });
        }));
        app.MapGet("/log/leaf-hashes", (HttpContext http) => Guarded(http, async () =>
        {
            long start = Long(http, "start", 0, log.CheckpointSize, "a leaf index up to the latest checkpoint's size");
            long end = Long(http, "end", start, Math.Min(log.CheckpointSize, start + MaxLeafHashes), $"at most {MaxLeafHashes} past start and up to the latest checkpoint's size");
            var hashes = new JsonArray();
            for (long i = start; i < end; i++)
            {
                hashes.Add(Convert.ToBase64String(log.Tree.LeafHash(i)));
            }

            await Json(http, new JsonObject { ["start"] = start, ["end"] = end, ["hashes"] = hashes });
        }));
    }

    internal static async Task Guarded(HttpContext http, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (AuditInputException e)
        {
            await AuditProblem.WriteAsync(http, 400, e.Type, e.Message);
        }
    }

    internal static long Long(HttpContext http, string name, long min, long max, string what)
    {
        string? text = http.Request.Query[name];
        if (text is null || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new AuditInputException("badParameter", $"'{name}' must be {what} ({min}..{max})");
        }

        return value;
    }

    internal static async Task Json(HttpContext http, JsonNode body, int status = 200)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    private static JsonArray Hashes(IEnumerable<byte[]> hashes) => new([.. hashes.Select(h => (JsonNode?)Convert.ToBase64String(h))]);
}
