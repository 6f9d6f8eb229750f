using TnAcme.Issuance.Profiles;
using TnAcme.Stir;

namespace TnAcme.Issuance.Linting;

public sealed record LintContext(TbsCertificateView Tbs, CertificateProfile Profile)
{
    /// <summary>The issuer's key identifier, when known; the AKI must carry it.</summary>
    public byte[]? IssuerKeyIdentifier { get; init; }

    /// <summary>The issuing CA's own TNAuthList, which then limits what it may issue.</summary>
    public TnAuthList? IssuerTnAuthList { get; init; }

    /// <summary>The scope the requester was granted (token or operator grant).</summary>
    public TnAuthList? AuthorizedScope { get; init; }

    /// <summary>
    /// True when inspecting an existing certificate rather than deciding an issuance: facts only the issuance
    /// knows (the grant behind a delegate CA) are then not demanded.
    /// </summary>
    public bool Inspecting { get; init; }
}
