using System.Text.Json;
using System.Text.Json.Serialization;
using TnAcme.Acme;

namespace TnAcme.Validation.Callback;

/// <summary>
/// What a tn-callback-01 challenge remembers between steps: the code sent (token-part1), when it dies, and the
/// counts the limits act on. Persisted as the challenge's <see cref="ChallengeSecret"/>; never rendered or logged.
/// </summary>
internal sealed record CallbackState
{
    public static CallbackState Initial { get; } = new();

    /// <summary>The code last delivered (digits), or null before a delivery / after it expired or failed.</summary>
    [JsonPropertyName("part1")]
    public string? Part1 { get; init; }

    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    [JsonPropertyName("codeExpires")]
    public long CodeExpiresMs { get; init; }

    [JsonPropertyName("lastDelivery")]
    public long LastDeliveryMs { get; init; }

    [JsonPropertyName("deliveries")]
    public int Deliveries { get; init; }

    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    [JsonIgnore]
    public DateTimeOffset CodeExpires => DateTimeOffset.FromUnixTimeMilliseconds(CodeExpiresMs);

    [JsonIgnore]
    public DateTimeOffset LastDelivery => DateTimeOffset.FromUnixTimeMilliseconds(LastDeliveryMs);

    public override string ToString() => "[secret]";

    public static CallbackState Read(ChallengeSecret? secret) =>
        secret is null ? Initial : JsonSerializer.Deserialize(secret.Value, CallbackStateJson.Default.CallbackState) ?? Initial;

    public ChallengeSecret ToSecret() => new(JsonSerializer.Serialize(this, CallbackStateJson.Default.CallbackState));
}

[JsonSerializable(typeof(CallbackState))]
internal sealed partial class CallbackStateJson : JsonSerializerContext;
