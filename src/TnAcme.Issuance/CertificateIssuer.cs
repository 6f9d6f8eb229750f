using System.Collections.Concurrent;
using TnAcme.Issuance.Linting;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.X509;

namespace TnAcme.Issuance;

/// <summary>
/// The CA role: turns an authorized <see cref="IssuanceRequest"/> into a signed certificate. Writes the
/// TBSCertificate, lints it, records the intent, signs, records the result. Nothing else.
/// </summary>
public sealed class CertificateIssuer
{
    private readonly IssuingAuthority _authority;
    private readonly ProfileCatalog _profiles;
    private readonly CertificateLinter _linter;
    private readonly IIssuanceJournal? _journal;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CompiledProfile> _compiled = new(StringComparer.Ordinal);

    public CertificateIssuer(
        IssuingAuthority authority,
        ProfileCatalog profiles,
        IIssuanceJournal? journal = null,
        CertificateLinter? linter = null,
        TimeProvider? time = null)
    {
        _authority = authority;
        _profiles = profiles;
        _journal = journal;
        _linter = linter ?? new CertificateLinter();
        _time = time ?? TimeProvider.System;
    }

    public IssuingAuthority Authority => _authority;

    public ProfileCatalog Profiles => _profiles;

    /// <summary>Writes and lints the TBSCertificate without signing (for dry runs and tests of the linter).</summary>
    public (byte[] Tbs, string SerialHex, DateTimeOffset NotBefore, DateTimeOffset NotAfter) Prepare(IssuanceRequest request)
    {
        CompiledProfile compiled = Compiled(request.ProfileName);
        CertificateProfile profile = compiled.Profile;

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset notBefore = request.NotBefore ?? now.AddSeconds(-profile.BackdateSeconds);
        DateTimeOffset notAfter = request.NotAfter ?? notBefore + profile.DefaultValidity + TimeSpan.FromSeconds(profile.BackdateSeconds);
        if (notAfter > _authority.NotAfterUtc)
        {
            throw new CertificateLintException([new LintFinding("e_outlives_issuer", $"notAfter {notAfter:u} is after the issuing CA's own notAfter")]);
        }

        Span<byte> serial = stackalloc byte[SerialNumbers.Length];
        SerialNumbers.Fill(serial);
        byte[] tbs = TbsCertificateWriter.Write(compiled, serial, notBefore, notAfter, request);

        _linter.ThrowIfInvalid(new LintContext(TbsCertificateView.Parse(tbs), profile)
        {
            IssuerKeyIdentifier = _authority.KeyIdentifier,
            IssuerTnAuthList = _authority.TnAuthList,
            AuthorizedScope = request.AuthorizedScope,
        });
        return (tbs, Convert.ToHexString(serial), notBefore, notAfter);
    }

    public Task<IssuedCertificate> IssueAsync(IssuanceRequest request, CancellationToken cancellationToken = default) =>
        IssueAsync(request, _journal, cancellationToken);

    /// <summary>
    /// Issues with <paramref name="journal"/> instead of the issuer's own: one long-lived issuer (and its compiled
    /// profiles) serves every order while each order brings the journal that records it.
    /// </summary>
    public async Task<IssuedCertificate> IssueAsync(IssuanceRequest request, IIssuanceJournal? journal, CancellationToken cancellationToken = default)
    {
        var (tbs, serialHex, notBefore, notAfter) = Prepare(request);
        if (journal is not null)
        {
            await journal.RecordIntentAsync(serialHex, request.ProfileName, tbs, cancellationToken);
        }

        byte[] signature = await _authority.Signer.SignAsync(tbs, cancellationToken);
        byte[] der = SignedObject.Assemble(tbs, _authority.Signer.SignatureAlgorithmDer.Span, signature);
        var issued = new IssuedCertificate(der, serialHex, request.ProfileName, request.TnAuthList,
            TruncateToSeconds(notBefore), TruncateToSeconds(notAfter));
        if (journal is not null)
        {
            await journal.RecordIssuedAsync(issued, cancellationToken);
        }

        return issued;
    }

    /// <summary>The profile compiled for this issuer, compiled on first use (no closure allocated per call).</summary>
    private CompiledProfile Compiled(string profileName) =>
        _compiled.TryGetValue(profileName, out CompiledProfile? compiled)
            ? compiled
            : _compiled.GetOrAdd(profileName, static (name, self) => new CompiledProfile(self._profiles[name], self._authority), this);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
