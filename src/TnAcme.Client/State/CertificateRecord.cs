using TnAcme.Client.Issuance;

namespace TnAcme.Client.State;

/// <summary>
/// <c>certificate.json</c> beside a chain: what was ordered and from where, so renewal repeats it (same TNAuthList,
/// profile, CA flag, organization, token source) with a new key.
/// </summary>
public sealed record CertificateRecord
{
    public required string Name { get; init; }

    public required string Server { get; init; }

    /// <summary>The ACME identifier value: base64url DER TNAuthList.</summary>
    public required string TnAuthList { get; init; }

    /// <summary>Readable form, e.g. "spc:1234, one:12025550100".</summary>
    public string? Entries { get; init; }

    public string? Profile { get; init; }

    public bool Ca { get; init; }

    public string? Organization { get; init; }

    public string? OrderUrl { get; init; }

    public string? CertificateUrl { get; init; }

    /// <summary>The public chain URL for PASSporT <c>x5u</c> (RFC 9448 §7).</summary>
    public string? X5u { get; init; }

    public string? Serial { get; init; }

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public TokenSourceRecord? TokenSource { get; init; }

    /// <summary>For a certificate proven with tn-callback-01: how the code was delivered and read, so renewal repeats it.</summary>
    public CallbackProofRecord? Callback { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The record of a fresh issuance (or renewal) from <paramref name="server"/>.</summary>
    public static CertificateRecord Of(string name, string server, IssuedCertificate issued, TokenSourceRecord? tokenSource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new CertificateRecord
        {
            Name = name,
            Server = server,
            TnAuthList = issued.Request.IdentifierValue,
            Entries = issued.Request.TnAuthList.ToString(),
            Profile = issued.Order.Profile ?? issued.Request.Profile,
            Ca = issued.Request.Ca,
            Organization = issued.Request.Organization,
            OrderUrl = issued.OrderUrl,
            CertificateUrl = issued.CertificateUrl,
            X5u = issued.Order.X5u,
            Serial = issued.Serial,
            NotBefore = issued.NotBefore,
            NotAfter = issued.NotAfter,
            IssuedAt = now,
            TokenSource = tokenSource,
        };
    }
}

/// <summary>
/// How the token was obtained, remembered for renewal. Secrets are not stored: a token authority's API key comes
/// from <c>--ta-key</c> or <c>$TNACME_TA_KEY</c> at every use.
/// </summary>
public sealed record TokenSourceRecord
{
    public const string FileKind = "file";
    public const string CommandKind = "command";
    public const string TokenAuthorityKind = "token-authority";

    /// <summary><see cref="FileKind"/>, <see cref="CommandKind"/> or <see cref="TokenAuthorityKind"/>.</summary>
    public required string Kind { get; init; }

    public string? File { get; init; }

    public string? Command { get; init; }

    public string? TokenAuthority { get; init; }

    public string? TokenAuthorityAccount { get; init; }
}

/// <summary>tn-callback-01 as remembered in certificate.json: the channel, and the code command (null: ask on the terminal).</summary>
public sealed record CallbackProofRecord
{
    public required string Channel { get; init; }

    public string? CodeCommand { get; init; }
}
