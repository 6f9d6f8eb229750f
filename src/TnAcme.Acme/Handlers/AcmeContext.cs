using TnAcme.Acme.Issuance;
using TnAcme.Acme.Policy;
using TnAcme.Acme.Rendering;
using TnAcme.Acme.Stores;
using TnAcme.Acme.Validation;

namespace TnAcme.Acme.Handlers;

/// <summary>What the endpoint handlers share: settings, URLs, stores and the roles they call.</summary>
public sealed record AcmeContext(
    AcmeOptions Options,
    AcmeUrls Urls,
    IAccountStore Accounts,
    IExternalAccountKeyStore ExternalAccountKeys,
    IOrderStore Orders,
    IAuthorizationStore Authorizations,
    ICertificateStore Certificates,
    ChallengeValidators Validators,
    ICertificateAuthority CertificateAuthority,
    ICsrDecoder CsrDecoder,
    TimeProvider Time)
{
    public ResourceWriter Writer { get; } = new(Urls);

    public OrderPolicy Policy { get; } = new(CertificateAuthority);

    public DateTimeOffset Now => Time.GetUtcNow();
}
