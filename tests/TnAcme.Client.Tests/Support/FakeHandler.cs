using System.Net;
using System.Text;

namespace TnAcme.Client.Tests.Support;

/// <summary>
/// An HTTP handler that answers from a script, for the edge cases a real server will not produce on demand
/// (Retry-After while processing, badNonce forever). Every answer carries a fresh Replay-Nonce.
/// </summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, string, HttpResponseMessage> _answer;
    private int _nonces;

    public FakeHandler(Func<HttpRequestMessage, string, HttpResponseMessage> answer) => _answer = answer;

    public List<(HttpMethod Method, string Url)> Requests { get; } = [];

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static string Directory(string baseUrl) => $$"""
        {"newNonce":"{{baseUrl}}/nonce","newAccount":"{{baseUrl}}/account","newOrder":"{{baseUrl}}/order","revokeCert":"{{baseUrl}}/revoke","keyChange":"{{baseUrl}}/key-change"}
        """;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!.ToString()));
        }

        HttpResponseMessage response = _answer(request, body);
        response.Headers.TryAddWithoutValidation("Replay-Nonce", "nonce" + Interlocked.Increment(ref _nonces));
        return response;
    }
}
