using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;

namespace TnAcme.Passport;

/// <summary>
/// Signs RFC 8225 PASSporTs (with the RFC 8588 SHAKEN claims for ppt "shaken") as compact JWS with ES256. Header
/// and payload are written in the RFC 8225 §9 deterministic form, so the same request always yields the same
/// bytes, and the signature is deterministic too when the key is exportable (RFC 6979).
/// </summary>
public sealed class PassportSigner
{
    public const string ShakenPpt = "shaken";
    public const string Algorithm = "ES256";
    public const string Type = "passport";

    /// <summary>Claims this signer writes itself; <see cref="PassportRequest.AdditionalClaims"/> may not name them.</summary>
    public static readonly IReadOnlySet<string> ReservedClaims = new HashSet<string>(StringComparer.Ordinal) { "iat", "orig", "dest", "attest", "origid" };

    private readonly Es256 _es256;

    /// <param name="key">An EC P-256 private key; the caller keeps ownership and disposes it.</param>
    public PassportSigner(ECDsa key) => _es256 = new Es256(key);

    /// <summary>True when signatures are RFC 6979 deterministic (the key could be exported).</summary>
    public bool IsDeterministic => _es256.IsDeterministic;

    /// <exception cref="ArgumentException">The request is not a valid PASSporT (bad number, attestation, claim name).</exception>
    public SignedPassport Sign(PassportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonObject header = BuildHeader(request);
        JsonObject payload = BuildPayload(request);
        string headerJson = CanonicalJson.Serialize(header);
        string payloadJson = CanonicalJson.Serialize(payload);
        string signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = _es256.Sign(Encoding.ASCII.GetBytes(signingInput));
        return new SignedPassport(signingInput + "." + Base64Url.Encode(signature), headerJson, payloadJson, request.X5u, request.Ppt);
    }

    private static JsonObject BuildHeader(PassportRequest request)
    {
        if (!request.X5u.IsAbsoluteUri)
        {
            throw new ArgumentException($"x5u must be an absolute URI, not '{request.X5u}'");
        }

        var header = new JsonObject { ["alg"] = Algorithm, ["typ"] = Type, ["x5u"] = request.X5u.OriginalString };
        if (request.Ppt is not null)
        {
            if (request.Ppt.Length == 0 || request.Ppt.Any(c => c <= ' ' || c >= 0x7F || c is ';' or '"' or ',' or '='))
            {
                throw new ArgumentException($"ppt '{request.Ppt}' is not a SIP token");
            }

            header["ppt"] = request.Ppt;
        }

        return header;
    }

    private static JsonObject BuildPayload(PassportRequest request)
    {
        if (request.DestTns.Count == 0)
        {
            throw new ArgumentException("a PASSporT needs at least one dest number");
        }

        string[] dest = [.. request.DestTns.Select(Canonical).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var payload = new JsonObject
        {
            ["dest"] = new JsonObject { ["tn"] = new JsonArray([.. dest.Select(d => (JsonNode?)d)]) },
            ["iat"] = request.IssuedAt.ToUnixTimeSeconds(),
            ["orig"] = new JsonObject { ["tn"] = Canonical(request.OrigTn) },
        };

        bool shaken = string.Equals(request.Ppt, ShakenPpt, StringComparison.Ordinal);
        if (request.Attest is not null || shaken)
        {
            if (request.Attest is not ("A" or "B" or "C"))
            {
                throw new ArgumentException($"attest must be A, B or C (RFC 8588 §4), not '{request.Attest ?? "(none)"}'");
            }

            payload["attest"] = request.Attest;
        }

        if (request.OrigId is not null || shaken)
        {
            payload["origid"] = (request.OrigId ?? Guid.NewGuid()).ToString("D");
        }

        foreach (var (name, value) in request.AdditionalClaims ?? new Dictionary<string, JsonNode?>())
        {
            if (ReservedClaims.Contains(name) || name.Length == 0 || !Ascii.IsValid(name))
            {
                throw new ArgumentException($"'{name}' cannot be an additional claim (reserved, empty or not ASCII)");
            }

            payload[name] = value?.DeepClone();
        }

        return payload;
    }

    private static string Canonical(string tn) =>
        TnCanonicalizer.TryCanonicalize(tn, out string? canonical, out string? reason)
            ? canonical!
            : throw new ArgumentException(reason);
}
