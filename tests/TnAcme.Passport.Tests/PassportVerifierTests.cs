using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Passport.Tests.Support;
using TnAcme.Stir;
using Names = TnAcme.Passport.PassportCheckNames;

namespace TnAcme.Passport.Tests;

/// <summary>Each check, failing on its own against a real issued tn-shortlived certificate, while every other check passes.</summary>
public sealed class PassportVerifierTests : IClassFixture<PassportCa>, IAsyncLifetime
{
    private const string Orig = "12025550100";
    private readonly PassportCa _ca;
    private StirCredential _cred = null!;

    public PassportVerifierTests(PassportCa ca) => _ca = ca;

    public async Task InitializeAsync() =>
        _cred = await _ca.IssueNumbersAsync(TnAuthList.Create(TnEntry.OfNumber(Orig), TnEntry.OfRange("12125551000", 1000)));

    public Task DisposeAsync()
    {
        _cred.Dispose();
        return Task.CompletedTask;
    }

    private PassportVerifier Verifier(TimeSpan? maxAge = null, bool noFreshness = false, X509Certificate2Collection? anchors = null, TimeProvider? time = null) =>
        new(new PassportVerificationOptions
        {
            TrustAnchors = anchors ?? _ca.TrustAnchors,
            MaxAge = noFreshness ? null : maxAge ?? PassportVerificationOptions.DefaultMaxAge,
            Time = time ?? TimeProvider.System,
        });

    private SignedPassport Sign(string orig = Orig, DateTimeOffset? iat = null, string? ppt = PassportSigner.ShakenPpt, string? attest = "A") =>
        new PassportSigner(_cred.Key).Sign(new PassportRequest
        {
            X5u = new Uri("https://cert.example.org/chain.pem"),
            OrigTn = orig,
            DestTns = ["12025550199"],
            IssuedAt = iat ?? DateTimeOffset.UtcNow,
            Ppt = ppt,
            Attest = attest,
        });

    /// <summary>The named check failed with a message holding <paramref name="expected"/>, and it alone failed.</summary>
    private static void AssertOnlyFailure(PassportVerificationResult result, string check, string expected)
    {
        Assert.False(result.IsValid);
        Assert.Equal(PassportVerdict.Invalid, result.Verdict);
        PassportCheck failed = Assert.Single(result.Failures);
        Assert.Equal(check, failed.Name);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_passport_from_the_certificate_holder_is_valid()
    {
        PassportVerificationResult result = Verifier().Verify(Sign().Compact, _cred.Chain);

        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(PassportVerdict.Valid, result.Verdict);
        Assert.Equal(
            [Names.Format, Names.Typ, Names.Alg, Names.Ppt, Names.Claims, Names.Signature, Names.CertificateChain, Names.Freshness, Names.Orig, Names.ClaimConstraints],
            result.Checks.Select(c => c.Name));
        Assert.All(result.Checks, c => Assert.Equal(PassportCheckOutcome.Passed, c.Outcome));
        Assert.Contains("orig 12025550100 is in the certificate's TNAuthList [one:12025550100, range:12125551000+1000]", result[Names.Orig]!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_identity_header_form_is_valid_and_checked()
    {
        SignedPassport signed = Sign();
        PassportVerificationResult result = Verifier().Verify(signed.IdentityHeader, _cred.Chain);
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(PassportCheckOutcome.Passed, result[Names.IdentityHeader]!.Outcome);

        string otherInfo = signed.Compact + ";info=<https://elsewhere.example/c.pem>;alg=ES256;ppt=shaken";
        AssertOnlyFailure(Verifier().Verify(otherInfo, _cred.Chain), Names.IdentityHeader, "is not the PASSporT's x5u");

        string noPpt = signed.Compact + ";info=<https://cert.example.org/chain.pem>;alg=ES256";
        AssertOnlyFailure(Verifier().Verify(noPpt, _cred.Chain), Names.IdentityHeader, "no ppt parameter");
    }

    [Fact]
    public void Orig_outside_the_tnauthlist_fails_and_says_so()
    {
        PassportVerificationResult result = Verifier().Verify(Sign(orig: "12025559999").Compact, _cred.Chain);
        AssertOnlyFailure(result, Names.Orig, "orig 12025559999 is not in the certificate's TNAuthList [one:12025550100, range:12125551000+1000]");
        Assert.Contains("orig: orig 12025559999 is not in", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12125551000", true)]
    [InlineData("12125551999", true)]
    [InlineData("12125552000", false)]
    [InlineData("12125550999", false)]
    [InlineData("1212555100", false)]
    [InlineData("121255510000", false)]
    [InlineData("+1 (212) 555-1500", true)]
    public void Range_entries_cover_start_to_start_plus_count_minus_one_of_the_same_length(string orig, bool covered)
    {
        PassportVerificationResult result = Verifier().Verify(Sign(orig: orig).Compact, _cred.Chain);
        Assert.Equal(covered, result.IsValid);
        Assert.Equal(covered ? PassportCheckOutcome.Passed : PassportCheckOutcome.Failed, result[Names.Orig]!.Outcome);
    }

    [Fact]
    public void Typ_other_than_passport_fails()
    {
        string jws = RawJws.Sign(_cred.Key, """{"alg":"ES256","ppt":"shaken","typ":"JWT","x5u":"https://x.example/c"}""", RawJws.ShakenPayload(Orig, RawJws.Now));
        AssertOnlyFailure(Verifier().Verify(jws, _cred.Chain), Names.Typ, "typ is \"JWT\"");
    }

    [Fact]
    public void Alg_other_than_es256_fails()
    {
        string jws = RawJws.Sign(_cred.Key, """{"alg":"ES384","ppt":"shaken","typ":"passport","x5u":"https://x.example/c"}""", RawJws.ShakenPayload(Orig, RawJws.Now));
        AssertOnlyFailure(Verifier().Verify(jws, _cred.Chain), Names.Alg, "alg is \"ES384\"; only ES256 is accepted");
    }

    [Fact]
    public void Unknown_ppt_fails()
    {
        SignedPassport signed = Sign(ppt: "div", attest: null);
        AssertOnlyFailure(Verifier().Verify(signed.Compact, _cred.Chain), Names.Ppt, "ppt \"div\" is not supported");
    }

    [Fact]
    public void A_string_iat_fails_the_claims_check()
    {
        // The RFC 8225 / 8588 examples write iat as a string; NumericDate is a number (standards digest §10.13).
        string payload = $$"""{"attest":"A","dest":{"tn":["12025550199"]},"iat":"{{RawJws.Now}}","orig":{"tn":"{{Orig}}"},"origid":"123e4567-e89b-12d3-a456-426655440000"}""";
        PassportVerificationResult result = Verifier(noFreshness: true).Verify(RawJws.Sign(_cred.Key, RawJws.ShakenHeader(), payload), _cred.Chain);
        AssertOnlyFailure(result, Names.Claims, "iat must be a positive integer NumericDate");
    }

    [Fact]
    public void Shaken_claims_are_required()
    {
        string payload = $$$"""{"attest":"D","dest":{"tn":["12025550199"]},"iat":{{{RawJws.Now}}},"orig":{"tn":"{{{Orig}}}"}}""";
        PassportVerificationResult result = Verifier().Verify(RawJws.Sign(_cred.Key, RawJws.ShakenHeader(), payload), _cred.Chain);
        AssertOnlyFailure(result, Names.Claims, "attest must be \"A\", \"B\" or \"C\"");
        Assert.Contains("origid must be a UUID", result.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_by_another_key_fails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string jws = RawJws.Sign(other, RawJws.ShakenHeader(), RawJws.ShakenPayload(Orig, RawJws.Now));
        AssertOnlyFailure(Verifier().Verify(jws, _cred.Chain), Names.Signature, "does not verify");
    }

    [Fact]
    public void A_changed_payload_fails_the_signature()
    {
        string[] parts = Sign().Compact.Split('.');
        string forged = RawJws.ShakenPayload(Orig, RawJws.Now, attest: "B");
        string jws = parts[0] + "." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(forged)) + "." + parts[2];
        AssertOnlyFailure(Verifier().Verify(jws, _cred.Chain), Names.Signature, "does not verify");
    }

    [Fact]
    public void An_untrusted_root_fails_the_chain()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 otherRoot = new CertificateRequest("CN=Other Root", otherKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        PassportVerificationResult result = Verifier(anchors: [otherRoot]).Verify(Sign().Compact, _cred.Chain);
        AssertOnlyFailure(result, Names.CertificateChain, "no valid path from");
    }

    [Fact]
    public void A_missing_intermediate_fails_the_chain()
    {
        PassportVerificationResult result = Verifier().Verify(Sign().Compact, [_cred.Leaf]);
        AssertOnlyFailure(result, Names.CertificateChain, "no valid path from");
    }

    [Fact]
    public void An_expired_certificate_fails_the_chain()
    {
        var later = new FixedTime(DateTimeOffset.UtcNow.AddDays(30));
        PassportVerificationResult result = Verifier(noFreshness: true, time: later).Verify(Sign().Compact, _cred.Chain);
        AssertOnlyFailure(result, Names.CertificateChain, "NotTimeValid");
    }

    [Fact]
    public void A_stale_iat_fails_freshness_and_can_be_allowed_for_offline_checks()
    {
        string jws = Sign(iat: DateTimeOffset.UtcNow.AddMinutes(-5)).Compact;
        AssertOnlyFailure(Verifier().Verify(jws, _cred.Chain), Names.Freshness, "s old; at most 60 s is accepted");
        Assert.True(Verifier(maxAge: TimeSpan.FromMinutes(10)).Verify(jws, _cred.Chain).IsValid);

        PassportVerificationResult offline = Verifier(noFreshness: true).Verify(jws, _cred.Chain);
        Assert.True(offline.IsValid, offline.Summary);
        Assert.Equal(PassportVerdict.Valid, offline.Verdict);
        Assert.Equal(PassportCheckOutcome.Skipped, offline[Names.Freshness]!.Outcome);
    }

    [Fact]
    public void An_iat_in_the_future_fails_freshness()
    {
        AssertOnlyFailure(Verifier().Verify(Sign(iat: DateTimeOffset.UtcNow.AddMinutes(5)).Compact, _cred.Chain), Names.Freshness, "in the future");
    }

    [Theory]
    [InlineData("not-a-jws", "three '.'-separated parts")]
    [InlineData("e30.e30.", "signature is not base64url")]
    [InlineData("e30..AAAA", "payload is omitted")]
    [InlineData("W10.e30.AAAA", "header is not a JSON object")]
    [InlineData("eyJhIjoxLCJhIjoyfQ.e30.AAAA", "repeats the member 'a'")]
    public void Unreadable_input_fails_the_format_check(string text, string expected)
    {
        PassportVerificationResult result = Verifier().Verify(text, _cred.Chain);
        AssertOnlyFailure(result, Names.Format, expected);
        Assert.Null(result.Passport);
    }

    [Fact]
    public void A_ca_certificate_cannot_sign()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Not a signer", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, TnAuthList.Create(TnEntry.OfNumber(Orig)).ToDer(), false));
        using X509Certificate2 self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string jws = RawJws.Sign(key, RawJws.ShakenHeader(), RawJws.ShakenPayload(Orig, RawJws.Now));
        AssertOnlyFailure(Verifier(anchors: [self]).Verify(jws, [self]), Names.CertificateChain, "is a CA certificate");
    }

    [Fact]
    public void A_key_other_than_p256_fails_the_signature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=P-384 signer", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509Extension(StirOids.TnAuthList, TnAuthList.Create(TnEntry.OfNumber(Orig)).ToDer(), false));
        using X509Certificate2 self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string jws = RawJws.Sign(key, RawJws.ShakenHeader(), RawJws.ShakenPayload(Orig, RawJws.Now));
        AssertOnlyFailure(Verifier(anchors: [self]).Verify(jws, [self]), Names.Signature, "an EC key of 384 bits on another curve; ES256 needs EC P-256");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
