using TnAcme.Passport.Tests.Support;
using TnAcme.Stir;
using Names = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Tests;

/// <summary>What orig can and cannot be checked against: SPC-only SHAKEN certificates, mixed lists, CA limits.</summary>
public sealed class OrigScopeTests : IClassFixture<PassportCa>
{
    private readonly PassportCa _ca;

    public OrigScopeTests(PassportCa ca) => _ca = ca;

    private PassportVerificationResult SignAndVerify(StirCredential cred, string orig)
    {
        SignedPassport signed = new PassportSigner(cred.Key).Sign(new PassportRequest
        {
            X5u = new Uri("https://cert.example.org/chain.pem"),
            OrigTn = orig,
            DestTns = ["12025550199"],
            IssuedAt = DateTimeOffset.UtcNow,
            Attest = "A",
        });
        return new PassportVerifier(new PassportVerificationOptions { TrustAnchors = _ca.TrustAnchors }).Verify(signed.Compact, cred.Chain);
    }

    [Fact]
    public async Task An_spc_only_certificate_is_reported_as_not_checkable_not_as_failed_or_passed()
    {
        using StirCredential cred = await _ca.IssueSpcAsync("1234");
        PassportVerificationResult result = SignAndVerify(cred, "12025550100");

        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(PassportVerdict.ValidOrigNotCheckable, result.Verdict);
        PassportCheck orig = result[Names.Orig]!;
        Assert.Equal(PassportCheckOutcome.NotCheckable, orig.Outcome);
        Assert.StartsWith("SPC-only certificate (SPC 1234): orig not checkable against the certificate", orig.Message, StringComparison.Ordinal);
        Assert.Contains("orig NOT verified", result.Summary, StringComparison.Ordinal);
        Assert.All(result.Checks.Where(c => c.Name != Names.Orig), c => Assert.Equal(PassportCheckOutcome.Passed, c.Outcome));
    }

    [Fact]
    public async Task A_delegate_ca_tnauthlist_limits_the_numbers_below_it()
    {
        // The leaf claims 12025550100 and 12025557777, but the CA above it covers only 1202555 0000–0999 (RFC 8226 §9).
        using StirCredential cred = await HandBuiltCertificates.UnderDelegateCaAsync(_ca,
            TnAuthList.Create(TnEntry.OfRange("12025550000", 1000)),
            TnAuthList.Create(TnEntry.OfNumber("12025550100"), TnEntry.OfNumber("12025557777")));

        PassportVerificationResult inside = SignAndVerify(cred, "12025550100");
        Assert.True(inside.IsValid, inside.Summary);
        Assert.Contains("also within CA CN=Delegate CA", inside[Names.Orig]!.Message, StringComparison.Ordinal);

        PassportVerificationResult outside = SignAndVerify(cred, "12025557777");
        PassportCheck failed = Assert.Single(outside.Failures);
        Assert.Equal(Names.Orig, failed.Name);
        Assert.Contains("orig 12025557777 is not in the TNAuthList of CA certificate CN=Delegate CA, O=Example Enterprise [range:12025550000+1000]",
            failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mixed_list_that_misses_the_number_is_not_checkable_because_of_its_spc()
    {
        using StirCredential cred = await HandBuiltCertificates.UnderIssuingCaAsync(_ca,
            TnAuthList.Create(TnEntry.OfSpc("1234"), TnEntry.OfNumber("12025550100")), null);

        Assert.Equal(PassportVerdict.Valid, SignAndVerify(cred, "12025550100").Verdict);
        PassportVerificationResult other = SignAndVerify(cred, "12025559999");
        Assert.Equal(PassportVerdict.ValidOrigNotCheckable, other.Verdict);
        Assert.Contains("its SPC entries (SPC 1234) may cover it", other[Names.Orig]!.Message, StringComparison.Ordinal);
    }
}
