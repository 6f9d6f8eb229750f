using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using TnAcme.Stir;
using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests.AuthorityToken;

/// <summary>RFC 9448 §6 steps 1–8, each failure naming its check. Tokens fetch their x5u over real HTTPS.</summary>
public sealed class AuthorityTokenVerifierTests(TokenAuthorityFixture fx) : IClassFixture<TokenAuthorityFixture>, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose() => _owned.ForEach(d => d.Dispose());

    [Fact]
    public async Task Valid_token_with_padded_standard_base64_tkvalue_and_colon_hex_fingerprint_verifies()
    {
        JsonObject payload = TokenMinter.Payload(jti: "519175cb-6998-4074-9aea-0da5175a1622");
        long exp = (long)payload["exp"]!;

        using VerifiedAuthorityToken token = await Verifier().VerifyAsync(Mint(payload: payload), TokenMinter.Expectation());

        Assert.Equal("519175cb-6998-4074-9aea-0da5175a1622", token.Jti);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), token.ExpiresAt);
        Assert.Null(token.IssuedAt);
        Assert.False(token.Ca);
        Assert.Equal(TokenMinter.Spc818H, token.TnAuthList);
        Assert.Equal(fx.Authority.Signer.Thumbprint, token.SignerCertificate.Thumbprint);
        Assert.Equal(Base64Url.Encode(SHA256.HashData(fx.Authority.Signer.PublicKey.ExportSubjectPublicKeyInfo())), token.SignerKeyId);
    }

    [Theory]
    [InlineData(TokenMinter.ThumbprintBase64Url)]
    [InlineData("sha256 a0:a2:32:c2:f1:94:a5:35:53:cb:13:10:dd:bc:08:21:e4:14:b9:d7:eb:fc:29:0b:32:30:84:d7:d1:02:0f:e5")]
    public async Task Fingerprint_as_base64url_or_lowercase_colon_hex_verifies(string fingerprint)
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["fingerprint"] = fingerprint;
        using VerifiedAuthorityToken token = await Verifier().VerifyAsync(Mint(payload: payload), TokenMinter.Expectation());
        Assert.Equal(TokenMinter.Spc818H, token.TnAuthList);
    }

    [Theory]
    [InlineData("MAigBhYEODE4SA")]
    [InlineData("TnAuthList")]
    public async Task Unpadded_tkvalue_and_RFC_9447_tktype_spelling_verify(string variant)
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]![variant == "TnAuthList" ? "tktype" : "tkvalue"] = variant;
        using VerifiedAuthorityToken token = await Verifier().VerifyAsync(Mint(payload: payload), TokenMinter.Expectation());
        Assert.Equal(TokenMinter.Spc818H, token.TnAuthList);
    }

    [Fact]
    public async Task X5c_chain_with_an_intermediate_verifies_without_fetching()
    {
        using ECDsa intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa signerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 intermediate = TestCertificates.Issue(
            fx.Authority.Root, "Intermediate", intermediateKey, isCa: true, usage: X509KeyUsageFlags.KeyCertSign);
        using X509Certificate2 signer = TestCertificates.Issue(intermediate, "Signer via intermediate", signerKey);
        var fetcher = new StaticX5uFetcher();

        string jwt = TokenMinter.Sign(TokenMinter.HeaderX5c(signer, intermediate), TokenMinter.Payload(), signerKey);
        using VerifiedAuthorityToken token = await Verifier(fetcher: fetcher).VerifyAsync(jwt, TokenMinter.Expectation());

        Assert.Equal(signer.Thumbprint, token.SignerCertificate.Thumbprint);
        Assert.Equal(0, fetcher.Calls);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public async Task Ca_is_reported_and_absence_means_false(bool? ca, bool expected)
    {
        using VerifiedAuthorityToken token = await Verifier().VerifyAsync(Mint(payload: TokenMinter.Payload(ca: ca)), TokenMinter.Expectation());
        Assert.Equal(expected, token.Ca);
    }

    [Fact]
    public async Task Iat_nbf_and_iss_are_reported_and_unknown_claims_ignored()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["iat"] = TokenMinter.At(TimeSpan.FromMinutes(-1));
        payload["nbf"] = TokenMinter.At(TimeSpan.FromMinutes(-1)) + 0.5;
        payload["iss"] = "https://authority.example.org";
        payload["crl"] = new JsonObject { ["whatever"] = 1 };
        using VerifiedAuthorityToken token = await Verifier().VerifyAsync(Mint(payload: payload), TokenMinter.Expectation());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)payload["iat"]!), token.IssuedAt);
        Assert.NotNull(token.NotBefore);
        Assert.Equal("https://authority.example.org", token.Issuer);
    }

    [Fact]
    public async Task Tampered_signature_fails_Signature()
    {
        string jwt = Mint();
        int last = jwt.LastIndexOf('.') + 5;
        char flipped = jwt[last] == 'A' ? 'B' : 'A';
        AuthorityTokenException ex = await FailsAsync(jwt[..last] + flipped + jwt[(last + 1)..]);
        Assert.Equal(AuthorityTokenCheck.Signature, ex.Check);
    }

    [Fact]
    public async Task Payload_changed_after_signing_fails_Signature()
    {
        string[] parts = Mint().Split('.');
        JsonObject changed = TokenMinter.Payload(lifetime: TimeSpan.FromDays(365));
        parts[1] = Base64Url.Encode(Encoding.UTF8.GetBytes(changed.ToJsonString()));
        AuthorityTokenException ex = await FailsAsync(string.Join('.', parts));
        Assert.Equal(AuthorityTokenCheck.Signature, ex.Check);
    }

    [Fact]
    public async Task DER_encoded_signature_fails_Signature_and_says_so()
    {
        string[] parts = Mint().Split('.');
        byte[] raw = Base64Url.Decode(parts[2]);
        byte[] der = Issuance_like_RawToDer(raw);
        AuthorityTokenException ex = await FailsAsync($"{parts[0]}.{parts[1]}.{Base64Url.Encode(der)}");
        Assert.Equal(AuthorityTokenCheck.Signature, ex.Check);
        Assert.Contains("DER", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_from_an_untrusted_authority_fails_UntrustedSigner()
    {
        string jwt = TokenMinter.Sign(TokenMinter.Header(fx.Server.Url("/rogue.pem")), TokenMinter.Payload(), fx.Rogue.SignerKey);
        AuthorityTokenException ex = await FailsAsync(jwt);
        Assert.Equal(AuthorityTokenCheck.UntrustedSigner, ex.Check);
    }

    [Fact]
    public async Task Rogue_key_behind_the_trusted_x5u_fails_Signature()
    {
        AuthorityTokenException ex = await FailsAsync(Mint(key: fx.Rogue.SignerKey));
        Assert.Equal(AuthorityTokenCheck.Signature, ex.Check);
    }

    [Fact]
    public async Task Several_trust_anchors_can_be_configured()
    {
        AuthorityTokenOptions options = fx.Options();
        options.TrustAnchors.Add(fx.Rogue.PublicRoot());
        string jwt = TokenMinter.Sign(TokenMinter.Header(fx.Server.Url("/rogue.pem")), TokenMinter.Payload(), fx.Rogue.SignerKey);
        using VerifiedAuthorityToken token = await Verifier(options).VerifyAsync(jwt, TokenMinter.Expectation());
        Assert.Equal(fx.Rogue.Signer.Thumbprint, token.SignerCertificate.Thumbprint);
    }

    [Fact]
    public async Task No_trust_anchors_configured_fails_UntrustedSigner()
    {
        AuthorityTokenOptions options = new() { AllowedX5uHosts = [fx.Server.HostPort] };
        AuthorityTokenException ex = await FailsAsync(Mint(), Verifier(options));
        Assert.Equal(AuthorityTokenCheck.UntrustedSigner, ex.Check);
        Assert.Contains("no token-authority trust anchors", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_signer_certificate_fails_UntrustedSigner()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 old = TestCertificates.Issue(
            fx.Authority.Root, "Expired signer", key, notBefore: DateTimeOffset.UtcNow.AddHours(-20), notAfter: DateTimeOffset.UtcNow.AddHours(-1));
        AuthorityTokenException ex = await FailsAsync(TokenMinter.Sign(TokenMinter.HeaderX5c(old), TokenMinter.Payload(), key));
        Assert.Equal(AuthorityTokenCheck.UntrustedSigner, ex.Check);
    }

    [Fact]
    public async Task A_cached_signer_chain_is_refused_once_the_signer_certificate_expires()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset signerEnd = DateTimeOffset.UtcNow.AddMinutes(3);
        using X509Certificate2 shortLived = TestCertificates.Issue(
            fx.Authority.Root, "Short-lived signer", key, notBefore: DateTimeOffset.UtcNow.AddHours(-1), notAfter: signerEnd);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        AuthorityTokenOptions options = fx.Options();
        var verifier = new AuthorityTokenVerifier(options, new StaticX5uFetcher(), timeProvider: clock);
        JsonObject header = TokenMinter.HeaderX5c(shortLived);

        using (await verifier.VerifyAsync(TokenMinter.Sign(header, TokenMinter.Payload(lifetime: TimeSpan.FromHours(1)), key), TokenMinter.Expectation()))
        {
        }

        clock.Now = signerEnd.AddSeconds(1);
        AuthorityTokenException ex = await FailsAsync(
            TokenMinter.Sign(header, TokenMinter.Payload(lifetime: TimeSpan.FromHours(1)), key), verifier);
        Assert.Equal(AuthorityTokenCheck.UntrustedSigner, ex.Check);
    }

    [Fact]
    public async Task A_cached_signer_chain_still_checks_each_tokens_signature()
    {
        AuthorityTokenVerifier verifier = Verifier();
        using (await verifier.VerifyAsync(Mint(), TokenMinter.Expectation()))
        {
        }

        string jwt = Mint();
        int last = jwt.LastIndexOf('.') + 5;
        char flipped = jwt[last] == 'A' ? 'B' : 'A';
        AuthorityTokenException ex = await FailsAsync(jwt[..last] + flipped + jwt[(last + 1)..], verifier);
        Assert.Equal(AuthorityTokenCheck.Signature, ex.Check);
    }

    [Fact]
    public async Task Signer_certificate_without_digitalSignature_fails_UntrustedSigner()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 cert = TestCertificates.Issue(fx.Authority.Root, "Key agreement only", key, usage: X509KeyUsageFlags.KeyAgreement);
        AuthorityTokenException ex = await FailsAsync(TokenMinter.Sign(TokenMinter.HeaderX5c(cert), TokenMinter.Payload(), key));
        Assert.Equal(AuthorityTokenCheck.UntrustedSigner, ex.Check);
        Assert.Contains("digitalSignature", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P-384")]
    [InlineData("RSA")]
    public async Task Signer_certificate_without_a_P256_key_fails_SignerKey(string keyType)
    {
        using AsymmetricAlgorithm key = keyType == "RSA" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using X509Certificate2 cert = TestCertificates.Issue(fx.Authority.Root, $"{keyType} signer", key);
        AuthorityTokenException ex = await FailsAsync(TokenMinter.Sign(TokenMinter.HeaderX5c(cert), TokenMinter.Payload(), fx.Authority.SignerKey));
        Assert.Equal(AuthorityTokenCheck.SignerKey, ex.Check);
    }

    [Fact]
    public async Task P384_signature_under_an_ES256_label_fails_Signature_on_its_length()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using X509Certificate2 cert = TestCertificates.Issue(fx.Authority.Root, "P-384 signer", key);
        AuthorityTokenException ex = await FailsAsync(TokenMinter.Sign(TokenMinter.HeaderX5c(cert), TokenMinter.Payload(), key));
        Assert.Equal(AuthorityTokenCheck.Signature, ex.Check);
        Assert.Contains("64 bytes", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_token_fails_Expired()
    {
        AuthorityTokenException ex = await FailsAsync(Mint(payload: TokenMinter.Payload(lifetime: TimeSpan.FromMinutes(-2))));
        Assert.Equal(AuthorityTokenCheck.Expired, ex.Check);
    }

    [Fact]
    public async Task Exp_just_passed_is_within_the_clock_skew()
    {
        using VerifiedAuthorityToken token = await Verifier().VerifyAsync(
            Mint(payload: TokenMinter.Payload(lifetime: TimeSpan.FromSeconds(-20))), TokenMinter.Expectation());
        Assert.True(token.ExpiresAt < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Nbf_in_the_future_fails_NotYetValid()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["nbf"] = TokenMinter.At(TimeSpan.FromMinutes(3));
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.NotYetValid, ex.Check);
    }

    [Fact]
    public async Task Iat_in_the_future_fails_IssuedAt()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["iat"] = TokenMinter.At(TimeSpan.FromMinutes(3));
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.IssuedAt, ex.Check);
    }

    [Theory]
    [InlineData("exp", "no exp claim")]
    [InlineData("jti", "no jti claim")]
    [InlineData("atc", "no atc claim")]
    public async Task Missing_required_claim_fails_Malformed(string claim, string detail)
    {
        JsonObject payload = TokenMinter.Payload();
        payload.Remove(claim);
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tktype")]
    [InlineData("tkvalue")]
    [InlineData("fingerprint")]
    public async Task Missing_atc_member_fails_Malformed(string member)
    {
        JsonObject payload = TokenMinter.Payload();
        ((JsonObject)payload["atc"]!).Remove(member);
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains(member, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exp_as_a_string_fails_Malformed()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["exp"] = TokenMinter.At(TimeSpan.FromMinutes(5)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains("NumericDate", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_jti_fails_Malformed()
    {
        AuthorityTokenException ex = await FailsAsync(Mint(payload: TokenMinter.Payload(jti: string.Empty)));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
    }

    [Fact]
    public async Task Replayed_jti_fails_Replayed()
    {
        AuthorityTokenVerifier verifier = Verifier();
        string jwt = Mint();
        (await verifier.VerifyAsync(jwt, TokenMinter.Expectation())).Dispose();
        AuthorityTokenException ex = await FailsAsync(jwt, verifier);
        Assert.Equal(AuthorityTokenCheck.Replayed, ex.Check);
    }

    [Fact]
    public async Task Reuse_is_allowed_when_single_use_is_off()
    {
        AuthorityTokenVerifier verifier = Verifier(fx.Options(singleUse: false));
        string jwt = Mint();
        (await verifier.VerifyAsync(jwt, TokenMinter.Expectation())).Dispose();
        (await verifier.VerifyAsync(jwt, TokenMinter.Expectation())).Dispose();
    }

    [Fact]
    public async Task A_token_failing_another_check_does_not_burn_its_jti()
    {
        AuthorityTokenVerifier verifier = Verifier();
        string jwt = Mint();
        var otherAccount = new AuthorityTokenExpectation(TokenMinter.Spc818H, new byte[32]);
        AuthorityTokenException ex = await Assert.ThrowsAsync<AuthorityTokenException>(() => verifier.VerifyAsync(jwt, otherAccount));
        Assert.Equal(AuthorityTokenCheck.Fingerprint, ex.Check);
        (await verifier.VerifyAsync(jwt, TokenMinter.Expectation())).Dispose();
    }

    [Fact]
    public async Task Wrong_tktype_fails_TokenType()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["tktype"] = "dns";
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.TokenType, ex.Check);
    }

    [Fact]
    public async Task Wrong_tkvalue_fails_TokenValue()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["tkvalue"] = "MAigBhYEMTIzNA"; // SPC 1234, vector V1
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.TokenValue, ex.Check);
        Assert.Equal("atc.tkvalue does not match the challenged TNAuthList", ex.Detail);
    }

    [Fact]
    public async Task Undecodable_tkvalue_fails_TokenValue()
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["tkvalue"] = "not*base64";
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.TokenValue, ex.Check);
    }

    [Theory]
    [InlineData("SHA256 00:A2:32:C2:F1:94:A5:35:53:CB:13:10:DD:BC:08:21:E4:14:B9:D7:EB:FC:29:0B:32:30:84:D7:D1:02:0F:E5")]
    [InlineData("AKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U")]
    [InlineData("SHA1 A0:A2:32:C2")]
    [InlineData("")]
    public async Task Wrong_fingerprint_fails_Fingerprint(string fingerprint)
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["fingerprint"] = fingerprint;
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.Fingerprint, ex.Check);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("null")]
    public async Task Non_boolean_ca_fails_Malformed(string ca)
    {
        JsonObject payload = TokenMinter.Payload();
        payload["atc"]!["ca"] = JsonNode.Parse(ca);
        AuthorityTokenException ex = await FailsAsync(Mint(payload: payload));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains("atc.ca", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("RS256")]
    [InlineData("ES384")]
    [InlineData("es256")]
    public async Task Algorithm_other_than_ES256_fails_Algorithm(string alg)
    {
        JsonObject header = TokenMinter.Header(fx.ChainUrl);
        header["alg"] = alg;
        string signed = Mint(header: header);
        string[] parts = signed.Split('.');
        string jwt = alg switch
        {
            "none" => $"{parts[0]}.{parts[1]}.",
            "HS256" => $"{parts[0]}.{parts[1]}.{Base64Url.Encode(HMACSHA256.HashData(Encoding.ASCII.GetBytes("secret"), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])))}",
            _ => signed,
        };
        AuthorityTokenException ex = await FailsAsync(jwt);
        Assert.Equal(AuthorityTokenCheck.Algorithm, ex.Check);
    }

    [Fact]
    public async Task Both_x5u_and_x5c_fail_Malformed()
    {
        JsonObject header = TokenMinter.HeaderX5c(fx.Authority.Signer);
        header["x5u"] = fx.ChainUrl.AbsoluteUri;
        AuthorityTokenException ex = await FailsAsync(Mint(header: header));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains("both x5u and x5c", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_x5u_nor_x5c_fails_Malformed()
    {
        AuthorityTokenException ex = await FailsAsync(Mint(header: new JsonObject { ["alg"] = "ES256", ["kid"] = "k1" }));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains("neither x5u nor x5c", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X5c_in_base64url_fails_X5c()
    {
        JsonObject header = TokenMinter.HeaderX5c();
        string b64url = Base64Url.Encode(fx.Authority.Signer.RawData);
        Assert.True(b64url.AsSpan().IndexOfAny("-_") >= 0 || b64url.Length % 4 != 0);
        header["x5c"] = new JsonArray(b64url);
        AuthorityTokenException ex = await FailsAsync(Mint(header: header));
        Assert.Equal(AuthorityTokenCheck.X5c, ex.Check);
    }

    [Fact]
    public async Task X5c_holding_no_certificate_fails_X5c()
    {
        JsonObject header = TokenMinter.HeaderX5c();
        header["x5c"] = new JsonArray(Convert.ToBase64String("not a certificate"u8));
        AuthorityTokenException ex = await FailsAsync(Mint(header: header));
        Assert.Equal(AuthorityTokenCheck.X5c, ex.Check);
    }

    [Theory]
    [InlineData("passport")]
    [InlineData("JOSE+JSON")]
    public async Task Typ_other_than_JWT_fails_Malformed(string typ)
    {
        JsonObject header = TokenMinter.Header(fx.ChainUrl);
        header["typ"] = typ;
        AuthorityTokenException ex = await FailsAsync(Mint(header: header));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
    }

    [Fact]
    public async Task Crit_header_fails_Malformed()
    {
        JsonObject header = TokenMinter.Header(fx.ChainUrl);
        header["crit"] = new JsonArray("b64");
        header["b64"] = false;
        AuthorityTokenException ex = await FailsAsync(Mint(header: header));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
    }

    [Fact]
    public async Task Duplicate_claim_fails_Malformed()
    {
        string payload = TokenMinter.Payload().ToJsonString();
        string duplicated = payload.Insert(1, "\"jti\":\"first\",");
        AuthorityTokenException ex = await FailsAsync(TokenMinter.SignRaw(TokenMinter.Header(fx.ChainUrl).ToJsonString(), duplicated, fx.Authority.SignerKey));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"atc\":\"eyJhbGciOi\"}", "draft-era")]
    [InlineData("{\"atc\":{\"tktype\":\"TNAuthList\"}}", "draft-era")]
    [InlineData("{\"protected\":\"e30\",\"payload\":\"e30\",\"signature\":\"\"}", "JWS JSON serialization")]
    [InlineData("{\"token\":\"a.b.c\"}", "send the compact JWT string itself")]
    [InlineData("\"a.b.c\"", "JSON string")]
    [InlineData("Bearer a.b.c", "whitespace")]
    [InlineData("a.b", "2 dot-separated parts")]
    [InlineData("a.b.c.d.e", "compact JWE")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30=.AA", "base64url without padding")]
    [InlineData("bm90IGpzb24.e30.AA", "header is not valid JSON")]
    [InlineData("WzFd.e30.AA", "header is a JSON array")]
    public async Task Not_a_compact_JWT_fails_Malformed_with_a_precise_detail(string input, string detail)
    {
        AuthorityTokenException ex = await FailsAsync(input);
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_token_fails_Malformed_without_parsing()
    {
        AuthorityTokenException ex = await FailsAsync(new string('A', 70_000));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
    }

    private AuthorityTokenVerifier Verifier(AuthorityTokenOptions? options = null, IX5uFetcher? fetcher = null)
    {
        options ??= fx.Options();
        if (fetcher is null)
        {
            HttpsX5uFetcher https = fx.Fetcher(options);
            _owned.Add(https);
            fetcher = https;
        }

        return new AuthorityTokenVerifier(options, fetcher);
    }

    private string Mint(JsonObject? header = null, JsonObject? payload = null, ECDsa? key = null) =>
        TokenMinter.Sign(header ?? TokenMinter.Header(fx.ChainUrl), payload ?? TokenMinter.Payload(), key ?? fx.Authority.SignerKey);

    private async Task<AuthorityTokenException> FailsAsync(string token, AuthorityTokenVerifier? verifier = null) =>
        await Assert.ThrowsAsync<AuthorityTokenException>(() => (verifier ?? Verifier()).VerifyAsync(token, TokenMinter.Expectation()));

    /// <summary>Raw r||s to an ASN.1 SEQUENCE of two INTEGERs, to imitate a signer that sends DER.</summary>
    private static byte[] Issuance_like_RawToDer(byte[] raw)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(raw.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(raw.AsSpan(32, 32));
        }

        return writer.Encode();
    }
}
