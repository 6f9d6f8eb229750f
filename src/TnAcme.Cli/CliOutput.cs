using System.Text.Json;
using System.Text.Json.Nodes;

namespace TnAcme.Cli;

/// <summary>Writes results as text for people or JSON for scripts, and errors to standard error.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Result(bool json, JsonObject result, string text)
    {
        Console.Out.WriteLine(json ? result.ToJsonString(Indented) : text);
    }

    public static int Error(bool json, int exitCode, string message, IEnumerable<string>? details = null)
    {
        if (json)
        {
            var error = new JsonObject { ["error"] = message, ["exitCode"] = exitCode };
            if (details is not null)
            {
                error["details"] = new JsonArray(details.Select(d => (JsonNode?)d).ToArray());
            }

            Console.Out.WriteLine(error.ToJsonString(Indented));
        }

        Console.Error.WriteLine($"tnacme: {message}");
        foreach (string d in details ?? [])
        {
            Console.Error.WriteLine($"  - {d}");
        }

        return exitCode;
    }
}
