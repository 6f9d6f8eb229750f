using System.Text.Json.Serialization;

namespace TnAcme.Client.State;

/// <summary>Source-generated JSON for the state files; indented, since people read them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AccountRecord))]
[JsonSerializable(typeof(CertificateRecord))]
internal sealed partial class StateJson : JsonSerializerContext
{
}
