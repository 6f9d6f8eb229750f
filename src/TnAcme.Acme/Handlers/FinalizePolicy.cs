using TnAcme.Acme.Issuance;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Stir;

namespace TnAcme.Acme.Handlers;

/// <summary>
/// The RA's finalize checks (RFC 8555 §7.4, RFC 9448 §6): P-256 key, not the account key, TNAuthList equal to
/// the order's by DER, cA consistent with the profile and with what the proof granted; lifetime capped by the proof.
/// </summary>
internal sealed class FinalizePolicy
{
    private readonly AcmeContext _c;

    public FinalizePolicy(AcmeContext context) => _c = context;

    public CertificateOrder Check(Account account, Order order, IReadOnlyList<Authorization> authorizations, CsrFacts csr, JsonWebKey accountKey)
    {
        if (!csr.IsP256)
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("the CSR's key must be EC P-256 (ES256, RFC 8226 §4)"));
        }

        if (IsAccountKey(csr.SubjectPublicKeyInfo, accountKey))
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("the CSR's key is the account key; use a separate key for the certificate"));
        }

        TnAuthList ordered = TnAuthListIdentifier.Decode(order.Identifiers[0].Value);
        Policy.ChallengeIssuancePolicy? byChallenge = IssuancePolicyOf(authorizations, order.Profile);
        if (csr.TnAuthListDer is null)
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("the CSR has no TNAuthList (1.3.6.1.5.5.7.1.26) in its extensionRequest"));
        }

        if (!csr.TnAuthListDer.AsSpan().SequenceEqual(ordered.Der))
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("the CSR's TNAuthList differs from the order's identifier (compared by DER)"));
        }

        bool profileIsCa = _c.CertificateAuthority.IssuesCaCertificates(order.Profile);
        if (csr.RequestsCa != profileIsCa)
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr(csr.RequestsCa
                ? $"the CSR asks for a CA certificate (basicConstraints cA), but profile '{order.Profile}' issues end-entity certificates"
                : $"profile '{order.Profile}' issues delegate CA certificates; the CSR must ask for basicConstraints cA=TRUE"));
        }

        if (csr.RequestsCa && !authorizations.All(a => a.GrantedCa))
        {
            throw new AcmeProblemException(AcmeProblem.BadCsr("the CSR asks for a CA certificate but the Authority Token did not grant \"ca\": true (RFC 9448 §6 step 9)"));
        }

        DateTimeOffset? notAfter = order.NotAfter;
        DateTimeOffset? proofExpires = authorizations.Select(a => a.ProofExpires).Where(e => e is not null).Min();
        if (proofExpires is { } cap && !_c.Options.AllowCertificatesBeyondProofExpiry)
        {
            DateTimeOffset defaultEnd = (order.NotBefore ?? _c.Now) + _c.CertificateAuthority.DefaultValidity(order.Profile);
            DateTimeOffset wanted = notAfter ?? defaultEnd;
            if (wanted > cap)
            {
                notAfter = cap;
            }
        }

        (JwtClaimConstraints? Jwt, EnhancedJwtClaimConstraints? Enhanced) constraints = byChallenge?.ClaimConstraints() ?? (null, null);
        return new CertificateOrder
        {
            OrderId = order.Id,
            ClaimFrom = order.Status,
            AccountId = account.Id,
            Profile = order.Profile,
            SubjectPublicKeyInfo = csr.SubjectPublicKeyInfo,
            TnAuthListDer = ordered.ToDer(),
            NotBefore = order.NotBefore,
            NotAfter = notAfter,
            Organization = csr.Organization,
            AuthorizedScopeDer = profileIsCa ? ordered.ToDer() : null,
            JwtClaimConstraints = constraints.Jwt,
            EnhancedJwtClaimConstraints = constraints.Enhanced,
            ProvedBy = [.. authorizations.SelectMany(a => a.Challenges).Where(ch => ch.Status == ChallengeStatus.Valid).Select(ch => ch.Type).Distinct()],
        };
    }

    /// <summary>
    /// Compares the CSR's P-256 point with the account key as JWKs. The point is read from the SubjectPublicKeyInfo
    /// (already verified by the CSR's self-signature), not imported again: an import costs about two signature checks.
    /// </summary>
    private static bool IsAccountKey(byte[] subjectPublicKeyInfo, JsonWebKey accountKey)
    {
        var spki = new System.Formats.Asn1.AsnReader(subjectPublicKeyInfo, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence();
        byte[] point = spki.ReadBitString(out _);
        if (point.Length == 65 && point[0] == 0x04)
        {
            using JsonWebKey csrKey = JsonWebKey.CreateEc(EcCurve.P256, point[1..33], point[33..]);
            return csrKey.Equals(accountKey);
        }

        // A compressed point: rare enough to import.
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        using JsonWebKey imported = JsonWebKey.FromPublicKey(key);
        return imported.Equals(accountKey);
    }

    /// <summary>
    /// The policy of the challenge type that proved the numbers (one authorization per order), refusing a profile it
    /// does not allow.
    /// </summary>
    private Policy.ChallengeIssuancePolicy? IssuancePolicyOf(IReadOnlyList<Authorization> authorizations, string profile)
    {
        Policy.ChallengeIssuancePolicy? found = null;
        foreach (string type in authorizations.Select(a => a.ValidatedBy).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (_c.Options.IssuancePolicyFor(type) is not { } policy)
            {
                continue;
            }

            if (policy.Profiles is { Length: > 0 } profiles && !profiles.Contains(profile, StringComparer.Ordinal))
            {
                throw new AcmeProblemException(AcmeProblem.Unauthorized(
                    $"numbers proven with {type} are certified only with profile {string.Join(" or ", profiles)}, not '{profile}'; order again with one of them"));
            }

            found ??= policy;
        }

        return found;
    }
}
