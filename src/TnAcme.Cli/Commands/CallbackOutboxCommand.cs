using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using TnAcme.Validation.Callback;

namespace TnAcme.Cli.Commands;

/// <summary>
/// `tnacme callback outbox`: what the development outbox delivery would have sent (tn-callback-01 codes), so an
/// operator can relay a code, or a demo can show the flow without a telephony provider.
/// </summary>
internal static class CallbackOutboxCommand
{
    public static Command Create()
    {
        var tn = new Option<string?>("--tn") { HelpName = "NUMBER", Description = "Only deliveries to this number" };
        var last = new Option<bool>("--last") { Description = "Only the latest delivery (with --tn: to that number); prints just its code without --json" };
        var command = new Command("outbox", "Show the tn-callback-01 deliveries recorded by the development outbox (data folder, or Server:Challenges:TnCallback:OutboxPath)") { tn, last };
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            string path = OutboxPath(result);
            IReadOnlyList<OutboxEntry> entries = await OutboxDelivery.ReadAsync(path, cancellationToken);
            if (result.GetValue(tn) is { } number)
            {
                entries = entries.Where(e => e.Number == number).ToList();
            }

            if (result.GetValue(last))
            {
                if (entries.Count == 0)
                {
                    return CliOutput.Error(json, ExitCodes.State, $"no delivery in {path}{(result.GetValue(tn) is { } n ? " to " + n : string.Empty)}");
                }

                entries = [entries[^1]];
                if (!json)
                {
                    Console.Out.WriteLine(entries[0].Code);
                    return ExitCodes.Success;
                }
            }

            var array = new JsonArray(entries.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.Id,
                ["number"] = e.Number,
                ["channel"] = e.Channel,
                ["code"] = e.Code,
                ["expires"] = e.Expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["text"] = e.Text,
            }).ToArray());
            CliOutput.Result(json, new JsonObject { ["outbox"] = path, ["deliveries"] = array },
                entries.Count == 0
                    ? $"no deliveries in {path}"
                    : string.Join("\n", entries.Select(e => $"{e.Expires:u}  {e.Channel,-5}  {e.Number}  code {e.Code}")));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The path `tnacme serve` writes to: OutboxPath from server.json or the environment, else the data folder's.</summary>
    private static string OutboxPath(ParseResult result)
    {
        IConfigurationRoot config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(CliOptions.ConfigDirectory(result), "server.json"), optional: true)
            .AddEnvironmentVariables("TNACME__")
            .Build();
        return config["Server:Challenges:TnCallback:OutboxPath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(CliOptions.Folder(result).Root, "callback-outbox.jsonl");
    }
}
