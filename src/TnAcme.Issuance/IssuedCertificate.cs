using TnAcme.Stir;

namespace TnAcme.Issuance;

public sealed record IssuedCertificate(
    byte[] Der,
    string SerialHex,
    string ProfileName,
    TnAuthList TnAuthList,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter);
