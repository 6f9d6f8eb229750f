namespace TnAcme.Acme;

/// <summary>RFC 5280 §5.3.1 CRLReason codes, as sent in a revokeCert request (RFC 8555 §7.6).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    CaCompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    CertificateHold = 6,
    RemoveFromCrl = 8,
    PrivilegeWithdrawn = 9,
    AaCompromise = 10,
}
