using System.Text.Json.Nodes;

namespace TnAcme.Passport;

/// <summary>What to put in a PASSporT (RFC 8225, with RFC 8588 SHAKEN claims when <see cref="Ppt"/> is "shaken").</summary>
public sealed record PassportRequest
{
    /// <summary>The certificate (chain) URL for the header's <c>x5u</c> and the Identity header's <c>info</c>.</summary>
    public required Uri X5u { get; init; }

    /// <summary>The calling number; canonicalized (RFC 8224 §8.3) before signing.</summary>
    public required string OrigTn { get; init; }

    /// <summary>Called numbers (at least one); canonicalized, de-duplicated and sorted.</summary>
    public required IReadOnlyList<string> DestTns { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The extension named by the <c>ppt</c> header; null for a baseline PASSporT without one.</summary>
    public string? Ppt { get; init; } = PassportSigner.ShakenPpt;

    /// <summary>RFC 8588 attestation level A, B or C; required when <see cref="Ppt"/> is "shaken".</summary>
    public string? Attest { get; init; }

    /// <summary>RFC 8588 origination identifier (a UUID); a random one is used for "shaken" when absent.</summary>
    public Guid? OrigId { get; init; }

    /// <summary>More claims (e.g. <c>rcd</c>, <c>crn</c>); they may not replace the ones above.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? AdditionalClaims { get; init; }
}
