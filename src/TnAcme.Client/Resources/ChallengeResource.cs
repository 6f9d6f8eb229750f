using System.Text.Json;
using System.Text.Json.Serialization;
using TnAcme.Acme.Problems;
using TnAcme.Client.Transport;

namespace TnAcme.Client.Resources;

/// <summary>A challenge object (RFC 8555 §7.1.5) with the tkauth-01 members of RFC 9447 §3.</summary>
public sealed record ChallengeResource
{
    /// <summary>The challenge type this client answers (RFC 9447 §3).</summary>
    public const string TkAuth01 = "tkauth-01";

    /// <summary>TnAcme's proof of number possession by voice or SMS (docs/challenges/tn-callback-01.md).</summary>
    public const string TnCallback01 = "tn-callback-01";

    public string Type { get; init; } = string.Empty;

    public string Url { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public DateTimeOffset? Validated { get; init; }

    public JsonElement? Error { get; init; }

    public string? Token { get; init; }

    /// <summary>The token subtype; <c>atc</c> is the one RFC 9447 §4 defines.</summary>
    [JsonPropertyName("tkauth-type")]
    public string? TkAuthType { get; init; }

    /// <summary>Where a token may be obtained (RFC 9447 §3); absent in SHAKEN, where local configuration names the token authority.</summary>
    [JsonPropertyName("token-authority")]
    public string? TokenAuthority { get; init; }

    /// <summary>tn-callback-01: the channels the CA can deliver the code on ("voice", "sms").</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    [JsonIgnore]
    public AcmeProblem? Problem => Error is { ValueKind: JsonValueKind.Object } e ? ProblemDocument.Read(e, 400) : null;
}
