using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TnAcme.Validation.Callback;

/// <summary>
/// Delivery through a telephony provider's HTTPS webhook: a JSON body (id, number, channel, text, code, expires),
/// signed with HMAC-SHA256; each attempt has a timeout; timeouts, connection failures, 429 and 5xx are retried with
/// exponential backoff; a failure names the status so it can surface as the challenge's error.
/// </summary>
public sealed class WebhookDelivery : ICallbackDelivery
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly byte[] _secret;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;

    /// <param name="secret">The HMAC key (from the environment; never logged).</param>
    public WebhookDelivery(WebhookOptions options, byte[] secret, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        _options = options;
        _url = new Uri(options.Url ?? throw new ArgumentException("the webhook needs a Url", nameof(options)));
        _secret = secret;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public string Name => "webhook";

    public IReadOnlyCollection<string> Channels => TnCallbackOptions.KnownChannels;

    public async Task DeliverAsync(CallbackMessage message, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(OutboxEntry.Of(message), WebhookJson.Default.OutboxEntry);
        string failure = "no attempt was made";
        TimeSpan backoff = _options.InitialBackoff;
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(backoff, _time, cancellationToken);
                backoff *= 2;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            try
            {
                using HttpRequestMessage request = Signed(body);
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                int status = (int)response.StatusCode;
                failure = $"the provider answered HTTP {status}";
                if (status != (int)HttpStatusCode.TooManyRequests && status < 500)
                {
                    throw new CallbackDeliveryException($"{failure} (a refusal; not retried)", retryable: false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"the provider did not answer within {_options.Timeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                failure = $"the provider could not be reached ({e.HttpRequestError})";
            }
        }

        throw new CallbackDeliveryException($"{failure} after {_options.MaxAttempts} attempt(s)", retryable: true);
    }

    private HttpRequestMessage Signed(byte[] body)
    {
        string timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_secret, timestamp, body));
        return request;
    }
}

[JsonSerializable(typeof(OutboxEntry))]
internal sealed partial class WebhookJson : JsonSerializerContext;
