using System.Text.Json.Serialization;

namespace TnAcme.Client.Resources;

/// <summary>The directory object (RFC 8555 §7.1.1): the URLs of every resource and the server's meta data.</summary>
public sealed record AcmeDirectory
{
    public string NewNonce { get; init; } = string.Empty;

    public string NewAccount { get; init; } = string.Empty;

    public string NewOrder { get; init; } = string.Empty;

    /// <summary>Absent when the server does not offer pre-authorization.</summary>
    public string? NewAuthz { get; init; }

    public string RevokeCert { get; init; } = string.Empty;

    public string KeyChange { get; init; } = string.Empty;

    /// <summary>RFC 9773 ARI, when offered.</summary>
    public string? RenewalInfo { get; init; }

    public DirectoryMeta? Meta { get; init; }

    /// <summary>The members RFC 8555 §7.1.1 requires for what this client does, missing from this directory.</summary>
    [JsonIgnore]
    public IEnumerable<string> MissingResources
    {
        get
        {
            if (string.IsNullOrEmpty(NewNonce))
            {
                yield return "newNonce";
            }

            if (string.IsNullOrEmpty(NewAccount))
            {
                yield return "newAccount";
            }

            if (string.IsNullOrEmpty(NewOrder))
            {
                yield return "newOrder";
            }

            if (string.IsNullOrEmpty(RevokeCert))
            {
                yield return "revokeCert";
            }

            if (string.IsNullOrEmpty(KeyChange))
            {
                yield return "keyChange";
            }
        }
    }
}

/// <summary>The directory's <c>meta</c> (RFC 8555 §7.1.1; <c>profiles</c> from draft-ietf-acme-profiles).</summary>
public sealed record DirectoryMeta
{
    public string? TermsOfService { get; init; }

    public string? Website { get; init; }

    public IReadOnlyList<string>? CaaIdentities { get; init; }

    public bool ExternalAccountRequired { get; init; }

    /// <summary>Profile name → description.</summary>
    public IReadOnlyDictionary<string, string>? Profiles { get; init; }
}
