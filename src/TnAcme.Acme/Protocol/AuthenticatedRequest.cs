using System.Text.Json;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Protocol;

/// <summary>A POST whose JWS has been parsed, its nonce spent, its URL matched and its signature verified.</summary>
public sealed class AuthenticatedRequest
{
    public AuthenticatedRequest(FlattenedJws jws, Account? account, JsonWebKey key)
    {
        Jws = jws;
        Account = account;
        Key = key;
    }

    public FlattenedJws Jws { get; }

    /// <summary>The account named by kid; null for jwk-signed requests.</summary>
    public Account? Account { get; }

    /// <summary>The key that signed the request.</summary>
    public JsonWebKey Key { get; }

    public bool IsPostAsGet => Jws.IsPostAsGet;

    public Account RequireAccount() =>
        Account ?? throw new AcmeProblemException(AcmeProblem.Malformed("this request must be signed with an account key (kid)"));

    /// <summary>The payload as a JSON object; malformed otherwise.</summary>
    public JsonElement PayloadObject()
    {
        if (Jws.IsPostAsGet)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("this request needs a payload; POST-as-GET is not enough"));
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(Jws.PayloadBytes, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new AcmeProblemException(AcmeProblem.Malformed("the JWS payload must be a JSON object"));
            }

            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AcmeProblemException(AcmeProblem.Malformed($"the JWS payload is not valid JSON: {e.Message}"));
        }
    }
}
