namespace TnAcme.Client.State;

/// <summary><c>account.json</c>: which server and which account the key in <c>account-key.pem</c> belongs to.</summary>
public sealed record AccountRecord
{
    /// <summary>The directory URL.</summary>
    public required string Server { get; init; }

    public required string AccountUrl { get; init; }

    /// <summary>"SHA256 AA:BB:…" of the current key: what Authority Tokens must be bound to.</summary>
    public required string Fingerprint { get; init; }

    public IReadOnlyList<string> Contact { get; init; } = [];

    /// <summary>The external account key id the account was bound with, if any (the HMAC key is never stored).</summary>
    public string? ExternalAccountKeyId { get; init; }

    /// <summary>File name (in the client folder) of the extra root trusted for the server's TLS, if any.</summary>
    public string? CaBundle { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string Status { get; init; } = "valid";
}
