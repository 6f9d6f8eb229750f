namespace TnAcme.Client;

/// <summary>What a newAccount request asks for (RFC 8555 §7.3).</summary>
public sealed record AccountRegistration
{
    /// <summary>Contact URLs, e.g. <c>mailto:pki@carrier.example</c>.</summary>
    public IReadOnlyList<string> Contact { get; init; } = [];

    /// <summary>Must be true when the directory advertises <c>meta.termsOfService</c>.</summary>
    public bool TermsOfServiceAgreed { get; init; }

    /// <summary>Required by a SHAKEN CA (<c>meta.externalAccountRequired</c>).</summary>
    public ExternalAccountCredentials? ExternalAccount { get; init; }
}
