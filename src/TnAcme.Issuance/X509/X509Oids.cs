namespace TnAcme.Issuance.X509;

public static class X509Oids
{
    public const string CommonName = "2.5.4.3";
    public const string SerialNumber = "2.5.4.5";
    public const string Country = "2.5.4.6";
    public const string Organization = "2.5.4.10";
    public const string SubjectKeyIdentifier = "2.5.29.14";
    public const string KeyUsage = "2.5.29.15";
    public const string BasicConstraints = "2.5.29.19";
    public const string CrlNumber = "2.5.29.20";
    public const string CrlReason = "2.5.29.21";
    public const string CrlDistributionPoints = "2.5.29.31";
    public const string CertificatePolicies = "2.5.29.32";
    public const string AuthorityKeyIdentifier = "2.5.29.35";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string FreshestCrl = "2.5.29.46";
    public const string AuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
    public const string Ocsp = "1.3.6.1.5.5.7.48.1";
    public const string ExtensionRequest = "1.2.840.113549.1.9.14";
}
