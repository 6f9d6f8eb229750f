using TnAcme.Acme.Stores;
using TnAcme.Acme.Validation;
using TnAcme.Validation.Callback;

namespace TnAcme.Server;

/// <summary>Builds tn-callback-01 from the configuration: the delivery by name, the secret from the environment.</summary>
internal static class CallbackValidation
{
    public static IChallengeValidator Create(ServerOptions options, IRateLimitStore limits, TimeProvider time)
    {
        TnCallbackOptions callback = options.Challenges.TnCallback;
        ICallbackDelivery delivery = callback.Delivery switch
        {
            "webhook" => new WebhookDelivery(callback.Webhook, WebhookSecret(callback.Webhook), time: time),
            _ => new OutboxDelivery(OutboxPath(options)),
        };
        return new TnCallbackChallengeValidator(callback, delivery, limits, time);
    }

    /// <summary>Where the development outbox is written (and where `tnacme callback outbox` reads it).</summary>
    public static string OutboxPath(ServerOptions options) =>
        options.Challenges.TnCallback.OutboxPath ?? Path.Combine(options.DataDirectory, "callback-outbox.jsonl");

    private static byte[] WebhookSecret(WebhookOptions webhook) =>
        System.Text.Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(webhook.SecretEnvironmentVariable)
            ?? throw new InvalidOperationException($"the webhook secret is missing: set {webhook.SecretEnvironmentVariable}"));
}
