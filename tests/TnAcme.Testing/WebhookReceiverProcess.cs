using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TnAcme.Testing;

/// <summary>
/// The test telephony provider (callback_receiver.py) as its own process on loopback HTTP: it checks the HMAC
/// signature of each tn-callback-01 delivery and shows what it received.
/// </summary>
public sealed class WebhookReceiverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private WebhookReceiverProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string DeliveriesUrl => BaseUrl + "/deliveries";

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "callback_receiver.py");

    /// <summary>Starts the receiver with the HMAC secret in <paramref name="secretVariable"/> of its environment.</summary>
    public static async Task<WebhookReceiverProcess> StartAsync(string secretVariable, string secret)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ScriptPath);
        info.ArgumentList.Add("--secret-env");
        info.ArgumentList.Add(secretVariable);
        info.Environment[secretVariable] = secret;
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (first is null || !first.StartsWith("port ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("the webhook receiver did not start: " + await process.StandardError.ReadToEndAsync());
        }

        return new WebhookReceiverProcess(process, int.Parse(first[5..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every delivery accepted (signature good), oldest first.</summary>
    public async Task<JsonArray> DeliveriesAsync() =>
        JsonNode.Parse(await _http.GetStringAsync(DeliveriesUrl))!["deliveries"]!.AsArray();

    public async Task<int> RejectedSignaturesAsync() =>
        (int)JsonNode.Parse(await _http.GetStringAsync(DeliveriesUrl))!["rejectedSignatures"]!;

    /// <summary>The code last delivered to <paramref name="number"/>.</summary>
    public async Task<string> LastCodeAsync(string number) => await _http.GetStringAsync($"{BaseUrl}/last-code?tn={number}");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
