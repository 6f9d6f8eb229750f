using System.Text.Json;
using TnAcme.Acme.Problems;

namespace TnAcme.Validation.Callback;

/// <summary>
/// A POST to a tn-callback-01 challenge: <c>{"channel": "sms"}</c> asks for a delivery, <c>{"response": "…"}</c>
/// answers. Other members are ignored (RFC 8555 §7.5.1); anything else is refused as malformed.
/// </summary>
internal abstract record CallbackRequest
{
    /// <summary>base64url of a SHA-256 digest: 43 characters, no padding.</summary>
    public const int ResponseLength = 43;

    public static CallbackRequest Read(JsonElement payload, IReadOnlyCollection<string> offered)
    {
        bool hasResponse = payload.TryGetProperty("response", out JsonElement response);
        bool hasChannel = payload.TryGetProperty("channel", out JsonElement channel);
        if (hasResponse && hasChannel)
        {
            throw Malformed("send either {\"channel\": …} (ask for the code) or {\"response\": …} (answer), not both");
        }

        if (hasResponse)
        {
            if (response.ValueKind != JsonValueKind.String || response.GetString() is not { } text)
            {
                throw Malformed("\"response\" must be a string: base64url(SHA-256(keyAuthorization))");
            }

            if (text.Length != ResponseLength || !Stir.Base64Url.TryDecode(text, out byte[]? digest) || digest!.Length != 32)
            {
                throw Malformed($"\"response\" must be base64url (no padding) of a SHA-256 digest: {ResponseLength} characters");
            }

            return new Answer(digest);
        }

        if (hasChannel)
        {
            if (channel.ValueKind != JsonValueKind.String || channel.GetString() is not { } name || !offered.Contains(name))
            {
                throw Malformed($"\"channel\" must be one of the channels on offer: {string.Join(", ", offered.Select(c => $"\"{c}\""))}");
            }

            return new Deliver(name);
        }

        throw Malformed("a tn-callback-01 request is {\"channel\": \"sms\"|\"voice\"} to have the code sent, then {\"response\": \"<base64url SHA-256 of the key authorization>\"}");
    }

    private static AcmeProblemException Malformed(string detail) => new(AcmeProblem.Malformed(detail));

    public sealed record Deliver(string Channel) : CallbackRequest;

    public sealed record Answer(byte[] Digest) : CallbackRequest;
}
