using System.Text.Json.Serialization;

namespace TnAcme.Acme;

/// <summary>An ACME identifier object {type, value}.</summary>
public sealed record AcmeIdentifier(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value);
