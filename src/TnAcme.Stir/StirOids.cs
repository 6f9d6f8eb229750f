namespace TnAcme.Stir;

/// <summary>Object identifiers the STIR certificate world uses (standards digest §0).</summary>
public static class StirOids
{
    public const string TnAuthList = "1.3.6.1.5.5.7.1.26";
    public const string JwtClaimConstraints = "1.3.6.1.5.5.7.1.27";
    public const string EnhancedJwtClaimConstraints = "1.3.6.1.5.5.7.1.33";
    public const string StirTnListAccessMethod = "1.3.6.1.5.5.7.48.14";
    public const string NoRevAvail = "2.5.29.56";
    public const string ShakenCertificatePolicyV13 = "2.16.840.1.114569.1.1.3";
}
