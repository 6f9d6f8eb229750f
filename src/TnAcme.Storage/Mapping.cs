using TnAcme.Acme;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage;

internal static class Mapping
{
    public static Account ToDomain(this AccountEntity e) => new()
    {
        Id = e.Id,
        KeyJwk = e.KeyJwk,
        KeyThumbprint = e.KeyThumbprint,
        Status = (AccountStatus)e.Status,
        Contact = StorageJson.Strings(e.ContactJson),
        TermsOfServiceAgreed = e.TermsOfServiceAgreed,
        ExternalAccountBinding = e.ExternalAccountBinding,
        EabKeyId = e.EabKeyId,
        CreatedAt = Time.FromUnix(e.CreatedAt),
    };

    public static AccountEntity ToEntity(this Account a) => new()
    {
        Id = a.Id,
        KeyJwk = a.KeyJwk,
        KeyThumbprint = a.KeyThumbprint,
        Status = (int)a.Status,
        ContactJson = StorageJson.Strings(a.Contact),
        TermsOfServiceAgreed = a.TermsOfServiceAgreed,
        ExternalAccountBinding = a.ExternalAccountBinding,
        EabKeyId = a.EabKeyId,
        CreatedAt = Time.ToUnix(a.CreatedAt),
    };

    public static Order ToDomain(this OrderEntity e) => new()
    {
        Id = e.Id,
        AccountId = e.AccountId,
        Status = (OrderStatus)e.Status,
        Expires = Time.FromUnix(e.Expires),
        Identifiers = StorageJson.Identifiers(e.IdentifiersJson),
        NotBefore = Time.FromUnix(e.NotBefore),
        NotAfter = Time.FromUnix(e.NotAfter),
        Profile = e.Profile,
        AuthorizationIds = StorageJson.Strings(e.AuthorizationIdsJson),
        Error = StorageJson.Problem(e.ErrorJson),
        CertificateSerial = e.CertificateSerial,
        CreatedAt = Time.FromUnix(e.CreatedAt),
    };

    public static OrderEntity ToEntity(this Order o) => new()
    {
        Id = o.Id,
        AccountId = o.AccountId,
        Status = (int)o.Status,
        Expires = Time.ToUnix(o.Expires),
        IdentifiersJson = StorageJson.Identifiers(o.Identifiers),
        NotBefore = Time.ToUnix(o.NotBefore),
        NotAfter = Time.ToUnix(o.NotAfter),
        Profile = o.Profile,
        AuthorizationIdsJson = StorageJson.Strings(o.AuthorizationIds),
        ErrorJson = StorageJson.Problem(o.Error),
        CertificateSerial = o.CertificateSerial,
        CreatedAt = Time.ToUnix(o.CreatedAt),
    };

    public static Authorization ToDomain(this AuthorizationEntity e) => new()
    {
        Id = e.Id,
        AccountId = e.AccountId,
        Identifier = new AcmeIdentifier(e.IdentifierType, e.IdentifierValue),
        Status = (AuthorizationStatus)e.Status,
        Expires = Time.FromUnix(e.Expires),
        Challenges = ChallengesJson.Read(e.ChallengesJson),
        GrantedCa = e.GrantedCa,
        ProofExpires = Time.FromUnix(e.ProofExpires),
        CreatedAt = Time.FromUnix(e.CreatedAt),
        Revision = e.Revision,
    };

    public static AuthorizationEntity ToEntity(this Authorization a) => new()
    {
        Id = a.Id,
        AccountId = a.AccountId,
        IdentifierType = a.Identifier.Type,
        IdentifierValue = a.Identifier.Value,
        Status = (int)a.Status,
        Expires = Time.ToUnix(a.Expires),
        ChallengesJson = ChallengesJson.Write(a.Challenges),
        GrantedCa = a.GrantedCa,
        ProofExpires = Time.ToUnix(a.ProofExpires),
        CreatedAt = Time.ToUnix(a.CreatedAt),
        Revision = a.Revision,
    };

    public static IssuedCertificateRecord? ToDomain(this CertificateEntity e) =>
        e.Der is null || e.ChainPem is null || e.AccountId is null || e.OrderId is null
            ? null
            : new IssuedCertificateRecord
            {
                Serial = e.Serial,
                AccountId = e.AccountId,
                OrderId = e.OrderId,
                Profile = e.Profile,
                Der = e.Der,
                ChainPem = e.ChainPem,
                TnAuthListDer = e.TnAuthListDer ?? [],
                NotBefore = Time.FromUnix(e.NotBefore ?? 0),
                NotAfter = Time.FromUnix(e.NotAfter ?? 0),
                RevokedAt = Time.FromUnix(e.RevokedAt),
                RevocationReason = e.RevocationReason,
            };
}
