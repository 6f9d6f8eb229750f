using System.Security.Cryptography;
using TnAcme.Acme;
using TnAcme.Acme.Issuance;
using TnAcme.Acme.Problems;
using TnAcme.Issuance.Linting;
using TnAcme.Stir;

namespace TnAcme.Issuance.Acme;

/// <summary>
/// The CA role behind the ACME front end: turns an approved <see cref="CertificateOrder"/> into a certificate
/// through the same issuer, linter and record-intent-then-sign journal as every other path.
/// </summary>
public sealed class AcmeCertificateAuthority : ICertificateAuthority
{
    private readonly IssuingAuthority _authority;
    private readonly Profiles.ProfileCatalog _profiles;
    private readonly Func<CertificateOrder, string, IIssuanceJournal> _journalFor;
    private readonly CertificateIssuer _issuer;
    private readonly string _chainAboveLeafPem;

    /// <param name="journalFor">Creates the journal for one issuance, given the order and the PEM of the chain above the leaf.</param>
    public AcmeCertificateAuthority(IssuingAuthority authority, Profiles.ProfileCatalog profiles, Func<CertificateOrder, string, IIssuanceJournal> journalFor)
    {
        _authority = authority;
        _profiles = profiles;
        _journalFor = journalFor;
        _issuer = new CertificateIssuer(authority, profiles);

        // The served chain stops below the root: relying parties hold the trust anchor (RFC 8555 §9.1 allows this).
        _chainAboveLeafPem = PemEncoding.WriteString("CERTIFICATE", authority.Certificate.RawData) + "\n";
        Profiles = profiles.All.ToDictionary(p => p.Name, p => p.Description, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Profiles { get; }

    public TimeSpan MaximumValidity(string profile) => _profiles[profile].MaximumValidity;

    public TimeSpan DefaultValidity(string profile) => _profiles[profile].DefaultValidity;

    public bool IssuesCaCertificates(string profile) => _profiles[profile].IsCa;

    public async Task<IssuedCertificateRecord> IssueAsync(CertificateOrder order, CancellationToken cancellationToken)
    {
        var journal = new ClaimWatch(_journalFor(order, _chainAboveLeafPem));
        IssuedCertificate issued;
        try
        {
            issued = await _issuer.IssueAsync(new IssuanceRequest
            {
                ProfileName = order.Profile,
                SubjectPublicKeyInfo = order.SubjectPublicKeyInfo,
                TnAuthList = TnAuthList.Decode(order.TnAuthListDer),
                Organization = order.Organization,
                NotBefore = order.NotBefore,
                NotAfter = order.NotAfter,
                AuthorizedScope = order.AuthorizedScopeDer is null ? null : TnAuthList.Decode(order.AuthorizedScopeDer),
                JwtClaimConstraints = order.JwtClaimConstraints,
                EnhancedJwtClaimConstraints = order.EnhancedJwtClaimConstraints,
            }, journal, cancellationToken);
        }
        catch (CertificateLintException e)
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("the certificate this order describes breaks profile rules: " + string.Join("; ", e.Findings)));
        }
        catch (Exception e) when (journal.Claimed && e is not OperationCanceledException)
        {
            throw new IssuanceFailedException(order.OrderId, e);
        }

        return new IssuedCertificateRecord
        {
            Serial = issued.SerialHex,
            AccountId = order.AccountId,
            OrderId = order.OrderId,
            Profile = issued.ProfileName,
            Der = issued.Der,
            ChainPem = PemEncoding.WriteString("CERTIFICATE", issued.Der) + "\n" + _chainAboveLeafPem,
            TnAuthListDer = order.TnAuthListDer,
            NotBefore = issued.NotBefore,
            NotAfter = issued.NotAfter,
        };
    }

    /// <summary>Notes whether the intent, which claims the order, was recorded: failures after it are the caller's to settle.</summary>
    private sealed class ClaimWatch(IIssuanceJournal journal) : IIssuanceJournal
    {
        public bool Claimed { get; private set; }

        public async Task RecordIntentAsync(string serialHex, string profileName, ReadOnlyMemory<byte> tbsCertificate, CancellationToken cancellationToken)
        {
            await journal.RecordIntentAsync(serialHex, profileName, tbsCertificate, cancellationToken);
            Claimed = true;
        }

        public Task RecordIssuedAsync(IssuedCertificate certificate, CancellationToken cancellationToken) =>
            journal.RecordIssuedAsync(certificate, cancellationToken);
    }
}
