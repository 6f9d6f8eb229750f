namespace TnAcme.Validation.Callback;

/// <summary>
/// The telephony provider's webhook (configuration "Server:Challenges:TnCallback:Webhook"). The HMAC secret is never in
/// the configuration file: it is read from the environment variable named here.
/// </summary>
public sealed record WebhookOptions
{
    /// <summary>HTTPS URL the provider receives deliveries on.</summary>
    public string? Url { get; set; }

    /// <summary>The environment variable holding the HMAC-SHA256 secret (at least 32 bytes of text).</summary>
    public string SecretEnvironmentVariable { get; set; } = "TNACME_CALLBACK_WEBHOOK_SECRET";

    /// <summary>Per attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts in all (1 = no retry); retried after timeouts, connection failures, 429 and 5xx.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first wait between attempts; doubled each time.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Development only: allow a plain http:// URL when its host is a loopback address (a local test receiver). The
    /// code would otherwise travel in clear text.
    /// </summary>
    public bool AllowHttpLoopback { get; set; }

    public IReadOnlyList<string> Problems(Func<string, string?> environment)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri))
        {
            problems.Add("TnCallback.Webhook.Url must be an absolute https:// URL");
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !(AllowHttpLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            problems.Add("TnCallback.Webhook.Url must be https:// (http:// only to a loopback host with AllowHttpLoopback, for development)");
        }

        if (string.IsNullOrEmpty(SecretEnvironmentVariable) || environment(SecretEnvironmentVariable) is not { Length: >= 32 })
        {
            problems.Add($"the webhook's HMAC secret must be in environment variable {SecretEnvironmentVariable} (at least 32 characters)");
        }

        if (Timeout <= TimeSpan.Zero || MaxAttempts is < 1 or > 10 || InitialBackoff < TimeSpan.Zero)
        {
            problems.Add("TnCallback.Webhook: Timeout must be positive, MaxAttempts 1 to 10, InitialBackoff not negative");
        }

        return problems;
    }
}
