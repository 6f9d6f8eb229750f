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
internal sealed partial class StorageJsonContext : JsonSerializerContext;

internal static class StorageJson
{
    public static string Identifiers(IReadOnlyList<AcmeIdentifier> ids) => JsonSerializer.Serialize(ids.ToList(), StorageJsonContext.Default.ListAcmeIdentifier);

    public static List<AcmeIdentifier> Identifiers(string json) => JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListAcmeIdentifier) ?? [];

    public static string Strings(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToList(), StorageJsonContext.Default.ListString);

    public static List<string> Strings(string json) => JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListString) ?? [];

    public static string? Problem(AcmeProblem? problem) => problem is null ? null : JsonSerializer.Serialize(problem, StorageJsonContext.Default.AcmeProblem);

    public static AcmeProblem? Problem(string? json) => json is null ? null : JsonSerializer.Deserialize(json, StorageJsonContext.Default.AcmeProblem);
}

internal static class Time
{
    public static long ToUnix(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static long? ToUnix(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnix(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? FromUnix(long? ms) => ms is long v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
