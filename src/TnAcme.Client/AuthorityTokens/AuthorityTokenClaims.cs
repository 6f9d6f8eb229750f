using System.Text.Json;
using TnAcme.Stir;

namespace TnAcme.Client.AuthorityTokens;

/// <summary>
/// The claims of an Authority Token as the client reads them, <b>without verifying the signature</b> (that is the
/// CA's job, RFC 9448 §6): enough to catch a token that cannot answer the challenge before it costs the order, and
/// to learn a token file's TNAuthList.
/// </summary>
public sealed record AuthorityTokenClaims
{
    public DateTimeOffset? Expires { get; init; }

    public string? TkType { get; init; }

    public string? TkValue { get; init; }

    public bool? Ca { get; init; }

    public string? Fingerprint { get; init; }

    /// <summary>The TNAuthList <see cref="TkValue"/> names, when it decodes (tokens carry base64 or base64url, padded or not).</summary>
    public TnAuthList? TnAuthList
    {
        get
        {
            if (TkValue is null)
            {
                return null;
            }

            try
            {
                return TnAuthListIdentifier.DecodeTolerant(TkValue);
            }
            catch (StirDecodeException)
            {
                return null;
            }
        }
    }

    /// <exception cref="AuthorityTokenException">The text is not a compact JWS with a JSON object payload.</exception>
    public static AuthorityTokenClaims Parse(string token)
    {
        string[] parts = (token ?? string.Empty).Trim().Split('.');
        if (parts.Length != 3 || !Base64Url.TryDecode(parts[1], out byte[]? payload))
        {
            throw new AuthorityTokenException("the Authority Token is not a JWT (three base64url parts separated by dots)");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AuthorityTokenException("the Authority Token's payload is not a JSON object");
            }

            JsonElement atc = root.TryGetProperty("atc", out JsonElement a) && a.ValueKind == JsonValueKind.Object ? a : default;
            return new AuthorityTokenClaims
            {
                Expires = root.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799))
                    : null,
                TkType = String(atc, "tktype"),
                TkValue = String(atc, "tkvalue"),
                Ca = atc.ValueKind == JsonValueKind.Object && atc.TryGetProperty("ca", out JsonElement ca) && ca.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? ca.GetBoolean()
                    : null,
                Fingerprint = String(atc, "fingerprint"),
            };
        }
        catch (JsonException e)
        {
            throw new AuthorityTokenException($"the Authority Token's payload is not JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Throws when the token certainly cannot answer <paramref name="request"/>: another TNAuthList, another account,
    /// already expired, or no CA permission for a CA certificate. What it cannot judge (the signature, the issuer) it leaves to the CA.
    /// </summary>
    public void EnsureAnswers(AuthorityTokenRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Expires is { } exp && exp <= now)
        {
            throw new AuthorityTokenException($"the Authority Token expired at {exp:u}; get a fresh one");
        }

        if (TkValue is not null && !TnAuthListIdentifier.DerEquals(TkValue, request.TkValue))
        {
            throw new AuthorityTokenException($"the Authority Token is for TNAuthList {Describe(TnAuthList, TkValue)}, not the ordered {request.TnAuthList}");
        }

        if (Fingerprint is not null && !AccountFingerprint.Matches(Fingerprint, request.AccountThumbprint))
        {
            throw new AuthorityTokenException($"the Authority Token is bound to another ACME account key ({Fingerprint}); this account's fingerprint is {request.Fingerprint}");
        }

        if (request.Ca && Ca != true)
        {
            throw new AuthorityTokenException("a delegate CA certificate was ordered but the Authority Token does not grant \"ca\": true");
        }
    }

    private static string Describe(TnAuthList? list, string raw) => list?.ToString() ?? raw;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
