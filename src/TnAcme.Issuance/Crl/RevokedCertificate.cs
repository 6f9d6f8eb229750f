using TnAcme.Acme;

namespace TnAcme.Issuance.Crl;

public sealed record RevokedCertificate(string SerialHex, DateTimeOffset RevokedAt, RevocationReason Reason);
