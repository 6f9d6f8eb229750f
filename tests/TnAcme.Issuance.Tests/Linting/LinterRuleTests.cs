using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Issuance.Linting;
using TnAcme.Issuance.Profiles;
using TnAcme.Issuance.Tests.Support;
using TnAcme.Issuance.X509;
using TnAcme.Stir;

namespace TnAcme.Issuance.Tests.Linting;

/// <summary>Each rule of the pre-signing linter, shown firing on a TBSCertificate broken in exactly that way.</summary>
public sealed class LinterRuleTests : IAsyncLifetime
{
    private const string TnAuthListOid = StirOids.TnAuthList;
    private static readonly TnAuthList Spc1234 = TnAuthList.Create(TnEntry.OfSpc("1234"));
    private static readonly TnAuthList Range = TnAuthList.Create(TnEntry.OfRange("12125551000", 1000));
    private readonly CertificateLinter _linter = new();
    private TestCa _ca = null!;

    public async Task InitializeAsync() => _ca = await TestCa.CreateAsync();

    public Task DisposeAsync()
    {
        _ca.Dispose();
        return Task.CompletedTask;
    }

    private TbsEditor Good(string profile, TnAuthList? list = null, TnAuthList? scope = null) =>
        new(_ca.Issuer.Prepare(Request(profile, list, scope)).Tbs);

    private static IssuanceRequest Request(string profile, TnAuthList? list = null, TnAuthList? scope = null) => new()
    {
        ProfileName = profile,
        SubjectPublicKeyInfo = TestCa.NewP256SubjectPublicKeyInfo(),
        TnAuthList = list ?? (profile == "shaken-sp" ? Spc1234 : Range),
        Organization = "Example Carrier",
        AuthorizedScope = scope ?? (profile == "delegate-ca" ? Range : null),
    };

    private IReadOnlyList<LintFinding> Lint(TbsEditor tbs, string profile, TnAuthList? scope = null) =>
        _linter.Lint(new LintContext(tbs.View(), _ca.Profiles[profile])
        {
            IssuerKeyIdentifier = _ca.Authority.KeyIdentifier,
            AuthorizedScope = scope ?? (profile == "delegate-ca" ? Range : null),
        });

    private void AssertOnly(string rule, TbsEditor tbs, string profile, TnAuthList? scope = null)
    {
        IReadOnlyList<LintFinding> findings = Lint(tbs, profile, scope);
        Assert.True(findings.Count == 1 && findings[0].Rule == rule,
            $"expected only {rule}, got: {string.Join("; ", findings)}");
    }

    [Theory]
    [InlineData("shaken-sp")]
    [InlineData("tn-shortlived")]
    [InlineData("delegate-ca")]
    public void Well_formed_certificates_pass_every_rule(string profile) => Assert.Empty(Lint(Good(profile), profile));

    [Fact]
    public void Version_must_be_3()
    {
        TbsEditor tbs = Good("tn-shortlived");
        tbs.Version = 0;
        AssertOnly("e_version_not_3", tbs, "tn-shortlived");
    }

    [Theory]
    [InlineData("01")]
    [InlineData("0102030405060708")]
    [InlineData("FF0102030405060708")]
    public void Serial_must_be_positive_and_carry_64_random_bits(string hex)
    {
        TbsEditor tbs = Good("tn-shortlived");
        tbs.Serial = Convert.FromHexString(hex);
        AssertOnly("e_serial_number", tbs, "tn-shortlived");
    }

    [Fact]
    public void Signature_algorithm_must_be_ecdsa_with_sha256()
    {
        TbsEditor tbs = Good("tn-shortlived");
        tbs.SignatureAlgorithm = Convert.FromHexString("300A06082A8648CE3D040303");
        AssertOnly("e_signature_algorithm_not_ecdsa_sha256", tbs, "tn-shortlived");
    }

    [Fact]
    public void Subject_key_must_be_p256()
    {
        TbsEditor tbs = Good("tn-shortlived");
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        tbs.Spki = p384.ExportSubjectPublicKeyInfo();
        tbs.Replace(X509Oids.SubjectKeyIdentifier, e => e with { Value = DerBuilders.SubjectKeyIdentifierValue(DerBuilders.KeyIdentifier(tbs.Spki)) });
        AssertOnly("e_subject_key_not_p256", tbs, "tn-shortlived");
    }

    [Fact]
    public void Validity_must_stay_within_the_profile()
    {
        TbsEditor tbs = Good("tn-shortlived");
        tbs.NotAfter = tbs.NotBefore.AddHours(73);
        AssertOnly("e_validity_outside_profile", tbs, "tn-shortlived");

        tbs.NotAfter = tbs.NotBefore.AddSeconds(-1);
        AssertOnly("e_validity_outside_profile", tbs, "tn-shortlived");
    }

    [Fact]
    public void Requested_not_after_beyond_the_profile_is_refused_before_signing()
    {
        IssuanceRequest request = Request("tn-shortlived") with { NotAfter = DateTimeOffset.UtcNow.AddDays(30) };
        var e = Assert.Throws<CertificateLintException>(() => _ca.Issuer.Prepare(request));
        Assert.Contains(e.Findings, f => f.Rule == "e_validity_outside_profile");
    }

    [Fact]
    public void Extensions_must_not_repeat()
    {
        TbsEditor tbs = Good("tn-shortlived");
        tbs.Add(TnAuthListOid, false, Range.ToDer());
        AssertOnly("e_duplicate_extension", tbs, "tn-shortlived");
    }

    [Fact]
    public void No_extension_outside_the_profile_not_even_an_eku()
    {
        TbsEditor tbs = Good("shaken-sp");
        tbs.Add(X509Oids.ExtendedKeyUsage, false, Convert.FromHexString("300A06082B06010505070325"));
        AssertOnly("e_extension_not_in_profile", tbs, "shaken-sp");
    }

    [Fact]
    public void Basic_constraints_must_be_critical_and_match_the_profile()
    {
        TbsEditor tbs = Good("tn-shortlived");
        tbs.Replace(X509Oids.BasicConstraints, e => e with { Critical = false });
        AssertOnly("e_basic_constraints", tbs, "tn-shortlived");

        TbsEditor ca = Good("tn-shortlived");
        ca.Replace(X509Oids.BasicConstraints, e => e with { Value = DerBuilders.BasicConstraintsValue(true, 0) });
        AssertOnly("e_basic_constraints", ca, "tn-shortlived");

        TbsEditor path = Good("delegate-ca");
        path.Replace(X509Oids.BasicConstraints, e => e with { Value = DerBuilders.BasicConstraintsValue(true, 3) });
        AssertOnly("e_basic_constraints", path, "delegate-ca");
    }

    [Fact]
    public void Key_usage_must_be_critical_digital_signature_only()
    {
        TbsEditor tbs = Good("shaken-sp");
        tbs.Replace(X509Oids.KeyUsage, e => e with { Value = DerBuilders.KeyUsageValue(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment) });
        AssertOnly("e_key_usage", tbs, "shaken-sp");

        TbsEditor notCritical = Good("shaken-sp");
        notCritical.Replace(X509Oids.KeyUsage, e => e with { Critical = false });
        AssertOnly("e_key_usage", notCritical, "shaken-sp");
    }

    [Fact]
    public void Key_identifiers_must_be_present_and_right()
    {
        AssertOnly("e_key_identifiers", Good("shaken-sp").Remove(X509Oids.SubjectKeyIdentifier), "shaken-sp");
        AssertOnly("e_key_identifiers", Good("shaken-sp").Remove(X509Oids.AuthorityKeyIdentifier), "shaken-sp");
        AssertOnly("e_key_identifiers", Good("shaken-sp").Replace(X509Oids.AuthorityKeyIdentifier,
            e => e with { Value = DerBuilders.AuthorityKeyIdentifierValue(new byte[20]) }), "shaken-sp");
    }

    [Fact]
    public void Certificate_policies_must_hold_the_configured_oid()
    {
        AssertOnly("e_certificate_policies", Good("shaken-sp").Replace(X509Oids.CertificatePolicies,
            e => e with { Value = DerBuilders.CertificatePoliciesValue(["2.16.840.1.114569.1.1.1"]) }), "shaken-sp");
        AssertOnly("e_certificate_policies", Good("shaken-sp").Remove(X509Oids.CertificatePolicies), "shaken-sp");
    }

    [Fact]
    public void Shaken_certificates_need_their_crl_distribution_point()
    {
        AssertOnly("e_crl_distribution_point", Good("shaken-sp").Remove(X509Oids.CrlDistributionPoints), "shaken-sp");
        AssertOnly("e_crl_distribution_point", Good("shaken-sp").Replace(X509Oids.CrlDistributionPoints,
            e => e with { Value = DerBuilders.CrlDistributionPointsValue("http://elsewhere.example/crl", null) }), "shaken-sp");
    }

    [Fact]
    public void No_rev_avail_is_required_non_critical_and_excludes_crl_distribution_points()
    {
        AssertOnly("e_no_rev_avail", Good("tn-shortlived").Remove(StirOids.NoRevAvail), "tn-shortlived");
        AssertOnly("e_no_rev_avail", Good("tn-shortlived").Replace(StirOids.NoRevAvail, e => e with { Critical = true }), "tn-shortlived");

        // A CRL DP beside noRevAvail breaks RFC 9608 (and the profile, which lists no CRL DP).
        IReadOnlyList<LintFinding> findings = Lint(Good("tn-shortlived").Add(X509Oids.CrlDistributionPoints, false,
            DerBuilders.CrlDistributionPointsValue("http://crl.example/ca.crl", null)), "tn-shortlived");
        Assert.Contains(findings, f => f.Rule == "e_no_rev_avail");

        var ocspAia = Convert.FromHexString("3020301E06082B060105050730018612687474703A2F2F6F6373702E6578616D706C65");
        findings = Lint(Good("tn-shortlived").Add(X509Oids.AuthorityInfoAccess, false, ocspAia), "tn-shortlived");
        Assert.Contains(findings, f => f.Rule == "e_no_rev_avail" && f.Message.Contains("OCSP", StringComparison.Ordinal));
    }

    [Fact]
    public void TnAuthList_must_be_present_well_formed_and_non_critical()
    {
        AssertOnly("e_tnauthlist", Good("tn-shortlived").Replace(TnAuthListOid, e => e with { Critical = true }), "tn-shortlived");
        AssertOnly("e_tnauthlist", Good("tn-shortlived").Replace(TnAuthListOid, e => e with { Value = [0x30, 0x00] }), "tn-shortlived");
        AssertOnly("e_tnauthlist", Good("tn-shortlived").Remove(TnAuthListOid), "tn-shortlived");
    }

    [Fact]
    public void Profiles_enforce_their_TNAuthList_shape()
    {
        var twoSpcs = TnAuthList.Create(TnEntry.OfSpc("1234"), TnEntry.OfSpc("5678"));
        AssertOnly("e_tnauthlist_shape", Good("shaken-sp").Replace(TnAuthListOid, e => e with { Value = twoSpcs.ToDer() }), "shaken-sp");
        Assert.Contains(Lint(Good("shaken-sp").Replace(TnAuthListOid, e => e with { Value = Range.ToDer() }), "shaken-sp"),
            f => f.Rule == "e_tnauthlist_shape");
        AssertOnly("e_tnauthlist_shape", Good("tn-shortlived").Replace(TnAuthListOid, e => e with { Value = Spc1234.ToDer() }), "tn-shortlived");
    }

    [Fact]
    public void Shaken_spc_must_be_digits_and_uppercase_letters()
    {
        TbsEditor tbs = Good("shaken-sp", TnAuthList.Create(TnEntry.OfSpc("554A")));
        Assert.Empty(Lint(tbs, "shaken-sp"));
        tbs.Replace(TnAuthListOid, e => e with { Value = TnAuthList.Create(TnEntry.OfSpc("554a")).ToDer() });
        IReadOnlyList<LintFinding> findings = Lint(tbs, "shaken-sp");
        Assert.Contains(findings, f => f.Rule == "e_tnauthlist_shape" && f.Message.Contains("uppercase", StringComparison.Ordinal));
    }

    [Fact]
    public void Shaken_subject_needs_cn_shaken_spc_c_and_o()
    {
        TbsEditor tbs = Good("shaken-sp");
        tbs.Subject = DerBuilders.Name([("2.5.4.6", "US"), ("2.5.4.10", "Example"), ("2.5.4.3", "SHAKEN Example 1234")]);
        AssertOnly("e_shaken_subject", tbs, "shaken-sp");
        tbs.Subject = DerBuilders.Name([("2.5.4.6", "US"), ("2.5.4.3", "SHAKEN 1234")]);
        AssertOnly("e_shaken_subject", tbs, "shaken-sp");
        tbs.Subject = DerBuilders.Name([("2.5.4.10", "Example"), ("2.5.4.3", "SHAKEN 1234")]);
        AssertOnly("e_shaken_subject", tbs, "shaken-sp");
    }

    [Fact]
    public void Claim_constraints_rules()
    {
        var jcc = new JwtClaimConstraints(["rcd"], null).Encode();
        var ejcc = new EnhancedJwtClaimConstraints(null, null, ["rcdi"]).Encode();
        var excludesOrig = new EnhancedJwtClaimConstraints(null, null, ["orig"]).Encode();

        Assert.Empty(Lint(Good("tn-shortlived").Add(StirOids.JwtClaimConstraints, false, jcc), "tn-shortlived"));
        Assert.Empty(Lint(Good("tn-shortlived").Add(StirOids.EnhancedJwtClaimConstraints, false, ejcc), "tn-shortlived"));

        AssertOnly("e_claim_constraints", Good("tn-shortlived")
            .Add(StirOids.JwtClaimConstraints, false, jcc).Add(StirOids.EnhancedJwtClaimConstraints, false, ejcc), "tn-shortlived");
        AssertOnly("e_claim_constraints", Good("tn-shortlived").Add(StirOids.JwtClaimConstraints, true, jcc), "tn-shortlived");
        AssertOnly("e_claim_constraints", Good("tn-shortlived").Add(StirOids.EnhancedJwtClaimConstraints, false, excludesOrig), "tn-shortlived");

        // shaken-sp allows no claim constraints: both the allow-list and this rule say so.
        IReadOnlyList<LintFinding> findings = Lint(Good("shaken-sp").Add(StirOids.JwtClaimConstraints, false, jcc), "shaken-sp");
        Assert.Contains(findings, f => f.Rule == "e_claim_constraints");
    }

    [Fact]
    public void Delegate_ca_must_be_encompassed_by_its_grant()
    {
        var wider = TnAuthList.Create(TnEntry.OfRange("12125551000", 2000));
        AssertOnly("e_tnauthlist_not_encompassed", Good("delegate-ca").Replace(TnAuthListOid, e => e with { Value = wider.ToDer() }), "delegate-ca");

        var e = Assert.Throws<CertificateLintException>(() => _ca.Issuer.Prepare(Request("delegate-ca", wider, Range)));
        Assert.Contains(e.Findings, f => f.Rule == "e_tnauthlist_not_encompassed");

        // A delegate CA with no grant at all is refused too.
        IReadOnlyList<LintFinding> findings = _linter.Lint(new LintContext(Good("delegate-ca").View(), _ca.Profiles["delegate-ca"]));
        Assert.Contains(findings, f => f.Rule == "e_tnauthlist_not_encompassed");
    }

    [Fact]
    public void Profiles_that_contradict_rfc_9608_are_refused_at_load()
    {
        CertificateProfile bad = _ca.Profiles["tn-shortlived"] with
        {
            CrlDistributionPoint = new CrlDistributionPointSettings { Url = "http://crl.example/" },
        };
        var e = Assert.Throws<InvalidDataException>(() => new ProfileCatalog([bad]));
        Assert.Contains("noRevAvail", e.Message, StringComparison.Ordinal);
    }
}
