using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TnAcme.Validation.Callback;

namespace TnAcme.Validation.Tests.Callback;

/// <summary>The webhook's signature, retries with backoff, and the failures it reports.</summary>
public sealed class WebhookDeliveryTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(new string('k', 40));
    private readonly ManualTime _time = new();

    private static CallbackMessage Message() =>
        new("d1", "12025550123", "sms", "Certificate code 12345678.", "12345678", new DateTimeOffset(2026, 11, 27, 12, 10, 0, TimeSpan.Zero));

    private WebhookDelivery Delivery(StubHandler handler, int attempts = 3) => new(
        new WebhookOptions { Url = "https://provider.example/deliveries", MaxAttempts = attempts, InitialBackoff = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(2) },
        Secret, handler, _time);

    [Fact]
    public async Task The_body_is_signed_over_timestamp_and_body()
    {
        var handler = new StubHandler(HttpStatusCode.OK);
        await Delivery(handler).DeliverAsync(Message(), CancellationToken.None);
        var (request, body) = Assert.Single(handler.Requests);
        string timestamp = request.Headers.GetValues(WebhookSignature.TimestampHeader).Single();
        Assert.Equal(_time.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray()));
        Assert.Equal(expected, request.Headers.GetValues(WebhookSignature.SignatureHeader).Single());
        using JsonDocument doc = JsonDocument.Parse(body);
        Assert.Equal("12025550123", doc.RootElement.GetProperty("number").GetString());
        Assert.Equal("sms", doc.RootElement.GetProperty("channel").GetString());
        Assert.Equal("Certificate code 12345678.", doc.RootElement.GetProperty("text").GetString());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_doubling_backoff()
    {
        var handler = new StubHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);
        await Delivery(handler).DeliverAsync(Message(), CancellationToken.None);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], _time.Waits.Where(w => w < TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Persistent_failure_names_the_status_and_is_retryable()
    {
        var handler = new StubHandler(HttpStatusCode.BadGateway);
        CallbackDeliveryException e = await Assert.ThrowsAsync<CallbackDeliveryException>(() => Delivery(handler, attempts: 2).DeliverAsync(Message(), CancellationToken.None));
        Assert.True(e.Retryable);
        Assert.Contains("HTTP 502 after 2 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        var handler = new StubHandler(HttpStatusCode.UnprocessableEntity);
        CallbackDeliveryException e = await Assert.ThrowsAsync<CallbackDeliveryException>(() => Delivery(handler).DeliverAsync(Message(), CancellationToken.None));
        Assert.False(e.Retryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_retryable_failure()
    {
        var handler = new StubHandler(HttpStatusCode.OK) { Throw = new HttpRequestException(HttpRequestError.ConnectionError, "refused") };
        CallbackDeliveryException e = await Assert.ThrowsAsync<CallbackDeliveryException>(() => Delivery(handler, attempts: 2).DeliverAsync(Message(), CancellationToken.None));
        Assert.Contains("could not be reached (ConnectionError)", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public void Options_refuse_plain_http_except_to_loopback_when_allowed_and_need_the_secret()
    {
        string? Env(string name) => name == "SECRET" ? new string('s', 32) : null;
        Assert.Empty(new WebhookOptions { Url = "https://p.example/x", SecretEnvironmentVariable = "SECRET" }.Problems(Env));
        Assert.NotEmpty(new WebhookOptions { Url = "http://p.example/x", SecretEnvironmentVariable = "SECRET", AllowHttpLoopback = true }.Problems(Env));
        Assert.NotEmpty(new WebhookOptions { Url = "http://127.0.0.1:9/x", SecretEnvironmentVariable = "SECRET" }.Problems(Env));
        Assert.Empty(new WebhookOptions { Url = "http://127.0.0.1:9/x", SecretEnvironmentVariable = "SECRET", AllowHttpLoopback = true }.Problems(Env));
        Assert.NotEmpty(new WebhookOptions { Url = "https://p.example/x", SecretEnvironmentVariable = "MISSING" }.Problems(Env));
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        private readonly Queue<HttpStatusCode> _statuses;
        private readonly HttpStatusCode _last;

        public StubHandler(params HttpStatusCode[] statuses)
        {
            _statuses = new Queue<HttpStatusCode>(statuses);
            _last = statuses[^1];
        }

        public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

        public Exception? Throw { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            if (Throw is { } e)
            {
                throw e;
            }

            return new HttpResponseMessage(_statuses.Count > 0 ? _statuses.Dequeue() : _last);
        }
    }
}
