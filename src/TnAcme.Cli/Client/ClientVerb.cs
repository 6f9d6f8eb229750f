using System.CommandLine;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using TnAcme.Acme.Problems;
using TnAcme.Client;
using TnAcme.Client.AuthorityTokens;
using TnAcme.Stir;

namespace TnAcme.Cli.Client;

/// <summary>
/// Runs a client verb and turns every failure into one exit code and one message (JSON on stdout with --json,
/// always a line on stderr): server refusals carry the server's problem document.
/// </summary>
internal static class ClientVerb
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void SetAction(Command command, Func<ParseResult, bool, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            try
            {
                return await action(result, json, cancellationToken);
            }
            catch (ClientFailure e)
            {
                return Fail(json, e.ExitCode, e.Message);
            }
            catch (AcmeClientException e)
            {
                return Fail(json, ExitCodes.ServerRefused, $"the ACME server refused: {e.Message}", Problem(e.Problem));
            }
            catch (AuthorityTokenException e)
            {
                return Fail(json, ExitCodes.AuthorityToken, e.Message);
            }
            catch (TnAcme.Client.Callback.CallbackCodeException e)
            {
                return Fail(json, ExitCodes.AuthorityToken, $"no callback code: {e.Message}");
            }
            catch (TimeoutException e)
            {
                return Fail(json, ExitCodes.Network, e.Message);
            }
            catch (HttpRequestException e)
            {
                return Fail(json, ExitCodes.Network, $"cannot reach the server: {Innermost(e)}");
            }
            catch (Exception e) when (e is AuthenticationException or SocketException)
            {
                return Fail(json, ExitCodes.Network, $"cannot reach the server: {e.Message}");
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                return Fail(json, ExitCodes.Network, $"the server did not answer in time ({e.Message})");
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or StirDecodeException or ArgumentException or CryptographicException)
            {
                return Fail(json, ExitCodes.InvalidInput, e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(json, ExitCodes.State, e.Message);
            }
        });
    }

    public static JsonObject Problem(AcmeProblem problem)
    {
        var json = new JsonObject
        {
            ["type"] = problem.Type,
            ["detail"] = problem.Detail,
            ["status"] = problem.Status,
        };
        if (problem.Limit is { } limit)
        {
            json["limit"] = limit;
        }

        if (problem.RetryAfterSeconds is int retryAfter)
        {
            json["retryAfter"] = retryAfter;
        }

        if (problem.Identifier is { } id)
        {
            json["identifier"] = new JsonObject { ["type"] = id.Type, ["value"] = id.Value };
        }

        if (problem.Subproblems is { Count: > 0 } subproblems)
        {
            json["subproblems"] = new JsonArray([.. subproblems.Select(s => (JsonNode?)Problem(s))]);
        }

        return json;
    }

    private static int Fail(bool json, int exitCode, string message, JsonObject? problem = null)
    {
        if (json)
        {
            var error = new JsonObject { ["error"] = message, ["exitCode"] = exitCode };
            if (problem is not null)
            {
                error["problem"] = problem;
            }

            Console.Out.WriteLine(error.ToJsonString(Indented));
        }

        Console.Error.WriteLine($"tnacme: {message}");
        return exitCode;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
