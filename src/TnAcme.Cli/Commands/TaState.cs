using System.CommandLine;
using System.Text.Json.Nodes;
using TnAcme.TokenAuthority;
using TnAcme.TokenAuthority.Grants;

namespace TnAcme.Cli.Commands;

/// <summary>Where the token authority's state lives for a command line (&lt;data-dir&gt;/ta), and how accounts print.</summary>
internal static class TaState
{
    public static string Directory(ParseResult result) => TokenAuthorityOptions.DefaultDirectory(CliOptions.Folder(result).Root);

    public static TokenAuthorityAdmin Admin(ParseResult result) => new(Directory(result));

    public static JsonObject Json(TaAccount account) => new()
    {
        ["id"] = account.Id,
        ["name"] = account.Name,
        ["mayDelegate"] = account.MayDelegate,
        ["createdAt"] = account.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["grants"] = new JsonArray([.. account.Grants.Select(g => (JsonNode)new JsonObject
        {
            ["type"] = GrantSyntax.Kind(g.Entry),
            ["value"] = GrantSyntax.Value(g.Entry),
            ["mayDelegate"] = g.MayDelegate,
        })]),
    };

    public static string Text(TaAccount account)
    {
        string grants = account.Grants.Count == 0 ? "    (no grants)" : string.Join("\n", account.Grants.Select(g => "    " + g));
        return $"{account.Id}  {account.Name}{(account.MayDelegate ? "  (may delegate)" : string.Empty)}\n{grants}";
    }
}
