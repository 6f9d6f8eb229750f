namespace TnAcme.Issuance.Hierarchy;

/// <summary>How <c>tnacme ca init</c> builds a new hierarchy (ca-config/hierarchy.json).</summary>
public sealed record HierarchySettings
{
    public CaCertificateSettings Root { get; init; } = new()
    {
        Subject = "CN=TnAcme Development SHAKEN Root, O=TnAcme Development, C=US",
        ValidityDays = 3650,
    };

    public CaCertificateSettings Issuing { get; init; } = new()
    {
        Subject = "CN=TnAcme Development SHAKEN Intermediate, O=TnAcme Development, C=US",
        ValidityDays = 1825,
        PathLength = 1,
        CertificatePolicies = ["2.16.840.1.114569.1.1.3"],
    };
}

public sealed record CaCertificateSettings
{
    public required string Subject { get; init; }

    public int ValidityDays { get; init; } = 365;

    /// <summary>1 under the issuing CA leaves room for one level of RFC 9060 delegate CAs.</summary>
    public int? PathLength { get; init; }

    public IReadOnlyList<string> CertificatePolicies { get; init; } = [];
}
