using System.Text.Json;
using System.Text.Json.Serialization;
using TnAcme.Acme.Problems;
using TnAcme.Client.Transport;

namespace TnAcme.Client.Resources;

/// <summary>An order object (RFC 8555 §7.1.3), with the <c>profile</c> (draft-ietf-acme-profiles) and <c>x5u</c> (RFC 9448 §7) extensions.</summary>
public sealed record OrderResource
{
    public string Status { get; init; } = string.Empty;

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyList<IdentifierResource> Identifiers { get; init; } = [];

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public string? Profile { get; init; }

    public JsonElement? Error { get; init; }

    public IReadOnlyList<string> Authorizations { get; init; } = [];

    public string Finalize { get; init; } = string.Empty;

    public string? Certificate { get; init; }

    /// <summary>The public GET URL of the certificate chain for PASSporT <c>x5u</c> (RFC 9448 §7).</summary>
    public string? X5u { get; init; }

    /// <summary>The order's <see cref="Error"/> as a problem document.</summary>
    [JsonIgnore]
    public AcmeProblem? Problem => Error is { ValueKind: JsonValueKind.Object } e ? ProblemDocument.Read(e, 400) : null;
}

/// <summary>An identifier object {type, value} (RFC 8555 §9.7.7); for TnAcme, type TNAuthList (RFC 9448 §3).</summary>
public sealed record IdentifierResource(string Type, string Value);
