using System.Text.Json.Nodes;
using TnAcme.Passport.Tests.Support;
using TnAcme.Stir;
using Names = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Tests;

/// <summary>
/// RFC 8226 §8 JWTClaimConstraints and RFC 9118 EnhancedJWTClaimConstraints, in tn-shortlived certificates issued
/// through the real issuer and linter, enforced on PASSporTs signed with their keys.
/// </summary>
public sealed class ClaimConstraintsTests : IClassFixture<PassportCa>
{
    private const string Orig = "12025550100";
    private static readonly TnAuthList List = TnAuthList.Create(TnEntry.OfNumber(Orig));
    private readonly PassportCa _ca;

    public ClaimConstraintsTests(PassportCa ca) => _ca = ca;

    private PassportVerificationResult SignAndVerify(StirCredential cred, string? ppt, string? attest, Dictionary<string, JsonNode?>? extra = null)
    {
        SignedPassport signed = new PassportSigner(cred.Key).Sign(new PassportRequest
        {
            X5u = new Uri("https://cert.example.org/chain.pem"),
            OrigTn = Orig,
            DestTns = ["12025550199"],
            IssuedAt = DateTimeOffset.UtcNow,
            Ppt = ppt,
            Attest = attest,
            AdditionalClaims = extra,
        });
        return new PassportVerifier(new PassportVerificationOptions { TrustAnchors = _ca.TrustAnchors }).Verify(signed.Compact, cred.Chain);
    }

    private static void AssertConstraintFailure(PassportVerificationResult result, string expected)
    {
        PassportCheck failed = Assert.Single(result.Failures);
        Assert.Equal(Names.ClaimConstraints, failed.Name);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwt_claim_constraints_must_include_and_permitted_values()
    {
        using StirCredential cred = await _ca.IssueNumbersAsync(List,
            jwt: new JwtClaimConstraints(["attest"], [new JwtClaimValues("attest", ["A"])]));

        PassportVerificationResult ok = SignAndVerify(cred, PassportSigner.ShakenPpt, "A");
        Assert.True(ok.IsValid, ok.Summary);
        Assert.Contains("JWTClaimConstraints mustInclude [attest], permittedValues [attest: \"A\"]", ok[Names.ClaimConstraints]!.Message, StringComparison.Ordinal);

        AssertConstraintFailure(SignAndVerify(cred, PassportSigner.ShakenPpt, "B"),
            "claim 'attest' is \"B\", which is not among the values the certificate's JWTClaimConstraints permits [\"A\"]");
        AssertConstraintFailure(SignAndVerify(cred, ppt: null, attest: null),
            "claim 'attest' is absent, but the certificate's JWTClaimConstraints mustInclude requires it");
    }

    [Fact]
    public async Task Ejwt_must_exclude_fails_a_passport_carrying_the_claim()
    {
        // Standards digest §8.4: a certificate with eJWT mustExclude ["attest"] fails any PASSporT with attest.
        using StirCredential cred = await _ca.IssueNumbersAsync(List, ejwt: new EnhancedJwtClaimConstraints(null, null, ["attest"]));

        AssertConstraintFailure(SignAndVerify(cred, PassportSigner.ShakenPpt, "A"),
            "claim 'attest' is present, but the certificate's EnhancedJWTClaimConstraints mustExclude forbids it");

        PassportVerificationResult ok = SignAndVerify(cred, ppt: null, attest: null);
        Assert.True(ok.IsValid, ok.Summary);
    }

    [Fact]
    public async Task Ejwt_permitted_values_pass_absent_claims_and_fail_other_values()
    {
        // RFC 9118 §4 example: confidence ∈ {high, medium}; a PASSporT without confidence is not invalid.
        using StirCredential cred = await _ca.IssueNumbersAsync(List,
            ejwt: new EnhancedJwtClaimConstraints(null, [new JwtClaimValues("confidence", ["high", "medium"])], ["priority"]));

        Assert.True(SignAndVerify(cred, null, null).IsValid);
        Assert.True(SignAndVerify(cred, null, null, new() { ["confidence"] = "medium" }).IsValid);
        AssertConstraintFailure(SignAndVerify(cred, null, null, new() { ["confidence"] = "low" }),
            "claim 'confidence' is \"low\", which is not among the values the certificate's EnhancedJWTClaimConstraints permits [\"high\", \"medium\"]");
        AssertConstraintFailure(SignAndVerify(cred, null, null, new() { ["priority"] = "1" }), "claim 'priority' is present");
    }

    [Fact]
    public async Task Object_claims_compare_in_deterministic_json_form()
    {
        using StirCredential cred = await _ca.IssueNumbersAsync(List,
            ejwt: new EnhancedJwtClaimConstraints(["rcd"], [new JwtClaimValues("rcd", ["""{"icn":"https://x.example/i.png","nam":"Example Co"}"""])], null));

        var rcd = new JsonObject { ["nam"] = "Example Co", ["icn"] = "https://x.example/i.png" };
        Assert.True(SignAndVerify(cred, null, null, new() { ["rcd"] = rcd }).IsValid);
        AssertConstraintFailure(SignAndVerify(cred, null, null, new() { ["rcd"] = new JsonObject { ["nam"] = "Other" } }), "claim 'rcd' is");
    }

    [Fact]
    public async Task Ejwt_excluding_a_baseline_claim_is_treated_as_absent()
    {
        // RFC 9118 §3: listing iat, orig or dest in mustExclude makes relying parties ignore the extension. The
        // linter refuses to issue such a certificate, so it is built here without it.
        var ejwt = new EnhancedJwtClaimConstraints(["nothing-like-this"], null, ["orig"]);
        using StirCredential cred = await HandBuiltCertificates.UnderIssuingCaAsync(_ca, List, ejwt);

        PassportVerificationResult result = SignAndVerify(cred, PassportSigner.ShakenPpt, "A");
        Assert.True(result.IsValid, result.Summary);
        Assert.Contains("EnhancedJWTClaimConstraints ignored: its mustExclude lists orig, so RFC 9118 §3 treats the extension as absent",
            result[Names.ClaimConstraints]!.Message, StringComparison.Ordinal);
    }
}
