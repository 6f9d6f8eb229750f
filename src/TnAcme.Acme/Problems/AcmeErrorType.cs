namespace TnAcme.Acme.Problems;

/// <summary>RFC 8555 §6.7 error types (and registered extensions). Never invent types in this namespace.</summary>
public static class AcmeErrorType
{
    public const string Prefix = "urn:ietf:params:acme:error:";

    public const string AccountDoesNotExist = Prefix + "accountDoesNotExist";
    public const string AlreadyRevoked = Prefix + "alreadyRevoked";
    public const string BadCsr = Prefix + "badCSR";
    public const string BadNonce = Prefix + "badNonce";
    public const string BadPublicKey = Prefix + "badPublicKey";
    public const string BadRevocationReason = Prefix + "badRevocationReason";
    public const string BadSignatureAlgorithm = Prefix + "badSignatureAlgorithm";
    public const string Compound = Prefix + "compound";
    public const string Connection = Prefix + "connection";
    public const string ExternalAccountRequired = Prefix + "externalAccountRequired";
    public const string IncorrectResponse = Prefix + "incorrectResponse";
    public const string InvalidContact = Prefix + "invalidContact";
    public const string Malformed = Prefix + "malformed";
    public const string OrderNotReady = Prefix + "orderNotReady";
    public const string RateLimited = Prefix + "rateLimited";
    public const string RejectedIdentifier = Prefix + "rejectedIdentifier";
    public const string ServerInternal = Prefix + "serverInternal";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string UnsupportedContact = Prefix + "unsupportedContact";
    public const string UnsupportedIdentifier = Prefix + "unsupportedIdentifier";
    public const string UserActionRequired = Prefix + "userActionRequired";

    /// <summary>draft-ietf-acme-profiles; not yet in the IANA registry's RFC list.</summary>
    public const string InvalidProfile = Prefix + "invalidProfile";
}
