using System.Text.Json;
using System.Text.Json.Nodes;
using N = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Checks;

/// <summary>RFC 8225 §5 baseline claims, and RFC 8588 §4–§5 attest and origid when ppt is "shaken".</summary>
internal static class ClaimsCheck
{
    public static PassportCheck Run(ParsedPassport p)
    {
        JsonObject payload = p.Payload;
        var problems = new List<string>();
        if (!TryGetIat(payload, out _, out string? iatProblem))
        {
            problems.Add(iatProblem!);
        }

        CheckOrig(payload, problems);
        CheckDest(payload, problems);
        if (p.Ppt == PassportSigner.ShakenPpt)
        {
            string? attest = ParsedPassport.StringMember(payload, "attest");
            if (attest is not ("A" or "B" or "C"))
            {
                problems.Add($"attest must be \"A\", \"B\" or \"C\" (RFC 8588 §4), not {Show(payload["attest"])}");
            }

            if (!Guid.TryParseExact(ParsedPassport.StringMember(payload, "origid"), "D", out _))
            {
                problems.Add($"origid must be a UUID (RFC 8588 §5), not {Show(payload["origid"])}");
            }
        }

        return problems.Count == 0
            ? PassportCheck.Pass(N.Claims, p.Ppt == PassportSigner.ShakenPpt ? "iat, orig, dest, attest and origid are well formed" : "iat, orig and dest are well formed")
            : PassportCheck.Fail(N.Claims, string.Join("; ", problems));
    }

    /// <summary>iat as a NumericDate: an integer JSON number (RFC 8225 §5.1.1; the RFC examples' strings are refused).</summary>
    public static bool TryGetIat(JsonObject payload, out long iat, out string? problem)
    {
        iat = 0;
        problem = null;
        if (!payload.TryGetPropertyValue("iat", out JsonNode? node) || node is null)
        {
            problem = "iat is missing";
            return false;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out iat) || iat <= 0)
        {
            problem = $"iat must be a positive integer NumericDate, not {node.ToJsonString()}";
            return false;
        }

        return true;
    }

    private static void CheckOrig(JsonObject payload, List<string> problems)
    {
        if (payload["orig"] is not JsonObject orig)
        {
            problems.Add("orig is missing or not an object");
            return;
        }

        int identities = orig.Count(m => m.Key is "tn" or "uri");
        if (identities != 1 || orig.Count != 1)
        {
            problems.Add($"orig must hold exactly one of tn or uri, not {orig.ToJsonString()}");
        }
        else if (orig.First().Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length == 0)
        {
            problems.Add($"orig.{orig.First().Key} must be a non-empty string");
        }
    }

    private static void CheckDest(JsonObject payload, List<string> problems)
    {
        if (payload["dest"] is not JsonObject dest)
        {
            problems.Add("dest is missing or not an object");
            return;
        }

        int entries = 0;
        foreach (var (key, value) in dest)
        {
            if (key is not ("tn" or "uri"))
            {
                continue;
            }

            if (value is not JsonArray array || array.Any(e => e is not JsonValue ev || ev.GetValueKind() != JsonValueKind.String))
            {
                problems.Add($"dest.{key} must be an array of strings");
                return;
            }

            entries += array.Count;
        }

        if (entries == 0)
        {
            problems.Add("dest must name at least one tn or uri");
        }
    }

    private static string Show(JsonNode? node) => node is null ? "(absent)" : node.ToJsonString();
}
