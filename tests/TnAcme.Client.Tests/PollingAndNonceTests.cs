using System.Net;
using System.Security.Cryptography;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Client.Resources;
using TnAcme.Client.Tests.Support;

namespace TnAcme.Client.Tests;

/// <summary>Protocol edge cases with a scripted server: Retry-After while an order is processing, and badNonce retried once only.</summary>
public sealed class PollingAndNonceTests
{
    private const string Base = "https://acme.test";

    [Fact]
    public async Task Finalize_polls_the_order_waiting_as_Retry_After_says_in_seconds_and_as_a_date()
    {
        var clock = new RecordingTimeProvider();
        int orderPolls = 0;
        var handler = new FakeHandler((request, _) =>
        {
            string path = request.RequestUri!.AbsolutePath;
            if (path == "/directory")
            {
                return FakeHandler.Json(FakeHandler.Directory(Base));
            }

            if (path == "/order/1/finalize")
            {
                HttpResponseMessage processing = FakeHandler.Json(Order("processing"));
                processing.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
                return processing;
            }

            if (path == "/order/1")
            {
                if (++orderPolls == 1)
                {
                    HttpResponseMessage still = FakeHandler.Json(Order("processing"));
                    still.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(5));
                    return still;
                }

                return FakeHandler.Json(Order("valid", certificate: $"{Base}/cert/1"));
            }

            return FakeHandler.Json("""{"type":"urn:ietf:params:acme:error:malformed","detail":"unexpected"}""", HttpStatusCode.NotFound, "application/problem+json");
        });

        using AcmeClient client = await AcmeClient.ConnectAsync(new AcmeClientOptions { DirectoryUrl = new Uri(Base + "/directory"), HttpHandler = handler, TimeProvider = clock });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeAccount account = client.ForAccount(JwsSigner.ForECDsa(key), Base + "/account/1");
        var order = new AcmeOrder(Base + "/order/1", new OrderResource { Status = AcmeStatus.Ready, Finalize = Base + "/order/1/finalize" });

        AcmeOrder finalized = await account.FinalizeAsync(order, [0x30, 0x00]);

        Assert.Equal(AcmeStatus.Valid, finalized.Resource.Status);
        Assert.Equal($"{Base}/cert/1", finalized.Resource.Certificate);
        Assert.Equal(2, orderPolls);
        Assert.Equal(2, clock.Waits.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), clock.Waits[0]);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Waits[1]);
    }

    [Fact]
    public async Task Polling_gives_up_after_the_polling_timeout()
    {
        var clock = new RecordingTimeProvider();
        var handler = new FakeHandler((request, _) => request.RequestUri!.AbsolutePath switch
        {
            "/directory" => FakeHandler.Json(FakeHandler.Directory(Base)),
            _ => Processing(),
        });
        using AcmeClient client = await AcmeClient.ConnectAsync(new AcmeClientOptions
        {
            DirectoryUrl = new Uri(Base + "/directory"),
            HttpHandler = handler,
            TimeProvider = clock,
            PollingTimeout = TimeSpan.FromSeconds(30),
        });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AcmeAccount account = client.ForAccount(JwsSigner.ForECDsa(key), Base + "/account/1");
        var order = new AcmeOrder(Base + "/order/1", new OrderResource { Status = AcmeStatus.Ready, Finalize = Base + "/order/1/finalize" });
        await Assert.ThrowsAsync<TimeoutException>(() => account.FinalizeAsync(order, [0x30, 0x00]));
        Assert.All(clock.Waits, w => Assert.Equal(TimeSpan.FromSeconds(10), w));
        Assert.Equal(3, clock.Waits.Count);

        static HttpResponseMessage Processing()
        {
            HttpResponseMessage response = FakeHandler.Json(Order("processing"));
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(10));
            return response;
        }
    }

    [Fact]
    public async Task BadNonce_is_retried_exactly_once_then_surfaces()
    {
        var handler = new FakeHandler((request, _) => request.RequestUri!.AbsolutePath switch
        {
            "/directory" => FakeHandler.Json(FakeHandler.Directory(Base)),
            _ => FakeHandler.Json("""{"type":"urn:ietf:params:acme:error:badNonce","detail":"stale nonce","status":400}""", HttpStatusCode.BadRequest, "application/problem+json"),
        });
        using AcmeClient client = await AcmeClient.ConnectAsync(new AcmeClientOptions { DirectoryUrl = new Uri(Base + "/directory"), HttpHandler = handler });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var error = await Assert.ThrowsAsync<AcmeClientException>(() => client.ForAccount(JwsSigner.ForECDsa(key), Base + "/account/1").RefreshAsync());
        Assert.True(error.Is(AcmeErrorType.BadNonce));
        Assert.Equal("stale nonce", error.Detail);
        Assert.Equal(2, handler.Requests.Count(r => r.Method == HttpMethod.Post));

        // The nonce of the directory response served the first POST: no HEAD to newNonce was needed.
        Assert.DoesNotContain(handler.Requests, r => r.Method == HttpMethod.Head);
    }

    [Fact]
    public async Task Errors_that_are_not_problem_documents_are_synthesized_with_their_status()
    {
        var handler = new FakeHandler((request, _) => request.RequestUri!.AbsolutePath switch
        {
            "/directory" => FakeHandler.Json(FakeHandler.Directory(Base)),
            _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>proxy error</html>") },
        });
        using AcmeClient client = await AcmeClient.ConnectAsync(new AcmeClientOptions { DirectoryUrl = new Uri(Base + "/directory"), HttpHandler = handler });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var error = await Assert.ThrowsAsync<AcmeClientException>(() => client.ForAccount(JwsSigner.ForECDsa(key), Base + "/account/1").RefreshAsync());
        Assert.Equal("about:blank", error.Type);
        Assert.Equal(502, error.Status);
        Assert.Contains("proxy error", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_missing_resources_is_refused()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Json("""{"newNonce":"https://acme.test/nonce"}"""));
        var error = await Assert.ThrowsAsync<AcmeClientException>(() => AcmeClient.ConnectAsync(new AcmeClientOptions { DirectoryUrl = new Uri(Base + "/directory"), HttpHandler = handler }));
        Assert.Contains("newAccount", error.Detail, StringComparison.Ordinal);
    }

    private static string Order(string status, string? certificate = null) => $$"""
        {"status":"{{status}}","identifiers":[{"type":"TNAuthList","value":"MAigBhYEMTIzNA"}],"authorizations":[],"finalize":"{{Base}}/order/1/finalize"{{(certificate is null ? string.Empty : $",\"certificate\":\"{certificate}\"")}}}
        """;
}
