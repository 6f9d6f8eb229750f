namespace TnAcme.Acme;

/// <summary>An external account binding key handed to a carrier out of band (RFC 8555 §7.3.4). Single use.</summary>
public sealed record ExternalAccountKey
{
    public required string KeyId { get; init; }

    public required string Name { get; init; }

    public required byte[] HmacKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The account this key was bound to; a bound key cannot bind another.</summary>
    public string? BoundAccountId { get; init; }
}
