namespace TnAcme.Client.Resources;

/// <summary>An authorization object (RFC 8555 §7.1.4).</summary>
public sealed record AuthorizationResource
{
    public string Status { get; init; } = string.Empty;

    public DateTimeOffset? Expires { get; init; }

    public IdentifierResource? Identifier { get; init; }

    public IReadOnlyList<ChallengeResource> Challenges { get; init; } = [];
}
