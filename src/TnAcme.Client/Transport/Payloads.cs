using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Acme;
using TnAcme.Stir;

namespace TnAcme.Client.Transport;

/// <summary>Request bodies that more than one resource sends.</summary>
internal static class Payloads
{
    public static byte[] Utf8(JsonObject payload) => Encoding.UTF8.GetBytes(payload.ToJsonString());

    /// <summary>revokeCert (RFC 8555 §7.6): the DER certificate, base64url, and the reason when one is given.</summary>
    public static byte[] Revocation(X509Certificate2 certificate, RevocationReason? reason)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var payload = new JsonObject { ["certificate"] = Base64Url.Encode(certificate.RawData) };
        if (reason is { } r)
        {
            payload["reason"] = (int)r;
        }

        return Utf8(payload);
    }
}
