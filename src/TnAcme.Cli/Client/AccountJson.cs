using System.Text.Json.Nodes;
using TnAcme.Client;
using TnAcme.Client.State;

namespace TnAcme.Cli.Client;

/// <summary>The JSON the account verbs print: the saved record merged with what the server said.</summary>
internal static class AccountJson
{
    public static JsonObject Of(ClientFolder folder, AccountRecord record, AcmeAccount? account)
    {
        var json = new JsonObject
        {
            ["server"] = record.Server,
            ["accountUrl"] = record.AccountUrl,
            ["status"] = account?.Resource?.Status ?? record.Status,
            ["contact"] = new JsonArray([.. (account?.Resource?.Contact ?? record.Contact).Select(c => (JsonNode?)c)]),
            ["fingerprint"] = account?.Fingerprint ?? record.Fingerprint,
            ["clientDir"] = folder.Root,
            ["accountKey"] = folder.AccountKeyPath,
        };
        if (account is not null)
        {
            json["thumbprint"] = account.Key.PublicKey.ThumbprintBase64Url;
            json["created"] = account.Created;
            json["externalAccountBinding"] = account.Resource?.ExternalAccountBinding is not null;
        }

        return json;
    }
}
