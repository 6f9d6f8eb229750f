using System.Text.Json;
using System.Text.Json.Serialization;
using TnAcme.Acme;
using TnAcme.Acme.Problems;

namespace TnAcme.Storage;

/// <summary>Source-generated JSON for the columns that hold JSON (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<AcmeIdentifier>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(AcmeProblem))]
[JsonSerializable(typeof(List<StoredChallenge>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

/// <summary>A challenge as stored inside its authorization row.</summary>
internal sealed record StoredChallenge(
    string Id,
    string Type,
    string Token,
    int Status,
    long? Validated,
    AcmeProblem? Error,
    Dictionary<string, string>? Attributes,
    Dictionary<string, List<string>>? ListAttributes = null,
    string? Secret = null);

internal static class StorageJson
{
    public static string Identifiers(IReadOnlyList<AcmeIdentifier> ids) => JsonSerializer.Serialize(ids.ToList(), StorageJsonContext.Default.ListAcmeIdentifier);

    public static List<AcmeIdentifier> Identifiers(string json) => JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListAcmeIdentifier) ?? [];

    public static string Strings(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToList(), StorageJsonContext.Default.ListString);

    public static List<string> Strings(string json) => JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];

    public static string? Problem(AcmeProblem? problem) => problem is null ? null : JsonSerializer.Serialize(problem, StorageJsonContext.Default.AcmeProblem);

    public static AcmeProblem? Problem(string? json) => json is null ? null : JsonSerializer.Deserialize(json, StorageJsonContext.Default.AcmeProblem);

    public static string Challenges(IReadOnlyList<Challenge> challenges) => JsonSerializer.Serialize(
        challenges.Select(c => new StoredChallenge(c.Id, c.Type, c.Token, (int)c.Status, Time.ToUnix(c.Validated), c.Error,
            c.Attributes.Count == 0 ? null : new Dictionary<string, string>(c.Attributes),
            c.ListAttributes.Count == 0 ? null : c.ListAttributes.ToDictionary(p => p.Key, p => p.Value.ToList()),
            c.Secret?.Value)).ToList(),
        StorageJsonContext.Default.ListStoredChallenge);

    public static IReadOnlyList<Challenge> Challenges(string json) =>
        (JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListStoredChallenge) ?? []).Select(c => new Challenge
        {
            Id = c.Id,
            Type = c.Type,
            Token = c.Token,
            Status = (ChallengeStatus)c.Status,
            Validated = Time.FromUnix(c.Validated),
            Error = c.Error,
            Attributes = c.Attributes ?? [],
            ListAttributes = c.ListAttributes?.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value) ?? [],
            Secret = c.Secret is null ? null : new ChallengeSecret(c.Secret),
        }).ToList();
}

internal static class Time
{
    public static long ToUnix(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static long? ToUnix(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnix(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? FromUnix(long? ms) => ms is long v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
