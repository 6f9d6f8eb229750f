using System.Text.Json;

namespace TnAcme.Client.Resources;

/// <summary>An account object (RFC 8555 §7.1.2).</summary>
public sealed record AccountResource
{
    public string Status { get; init; } = string.Empty;

    public IReadOnlyList<string> Contact { get; init; } = [];

    public bool TermsOfServiceAgreed { get; init; }

    /// <summary>The URL of the account's orders list.</summary>
    public string? Orders { get; init; }

    /// <summary>Echoed by a server that verified the binding (RFC 8555 §7.3.4).</summary>
    public JsonElement? ExternalAccountBinding { get; init; }
}
