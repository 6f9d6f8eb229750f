using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>Raw HTTP calls to the token endpoint, so tests control every byte of the request.</summary>
internal static class TokenApi
{
    public static string NewFingerprint() => AtcFingerprint.Format(RandomNumberGenerator.GetBytes(32));

    public static JsonObject Wrapped(TnAuthList list, string fingerprint, bool? ca = null, string? tkvalue = null)
    {
        var atc = new JsonObject
        {
            ["tktype"] = "TNAuthList",
            ["tkvalue"] = tkvalue ?? TnAuthListIdentifier.Encode(list),
            ["fingerprint"] = fingerprint,
        };
        if (ca is bool c)
        {
            atc["ca"] = c;
        }

        return new JsonObject { ["atc"] = atc };
    }

    public static async Task<Reply> PostAsync(HttpClient http, string accountId, string? apiKey, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/at/account/{Uri.EscapeDataString(accountId)}/token")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public static Task<Reply> PostAsync(HttpClient http, string accountId, string? apiKey, JsonObject body) =>
        PostAsync(http, accountId, apiKey, body.ToJsonString());

    public sealed record Reply(HttpStatusCode Status, string? ContentType, string Body)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

        public string Token => (string)Json["token"]!;

        public override string ToString() => $"HTTP {(int)Status} {Body}";
    }
}
