using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TnAcme.Crypto;
using TnAcme.Stir;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>
/// Verifies a tkauth-01 <c>atc</c> Authority Token (RFC 9447 §4) under the TNAuthList profile (RFC 9448 §6 steps
/// 1–8; step 9, <c>ca</c> against the CSR, is the finalize step's, using <see cref="VerifiedAuthorityToken.Ca"/>).
/// </summary>
/// <remarks>
/// Order: shape (no network for garbage) → alg → signer certificates (x5c, or x5u fetched) → chain to a trust
/// anchor → ES256 signature → time claims → atc type, value, fingerprint → jti single use, recorded last so a token
/// that fails any other check is never burnt.
/// </remarks>
public sealed class AuthorityTokenVerifier
{
    private readonly AuthorityTokenOptions _options;
    private readonly IX5uFetcher _x5uFetcher;
    private readonly IJtiReplayStore _replayStore;
    private readonly TimeProvider _time;
    private readonly SignerChainValidator _chain;
    private readonly TrustedSignerCache _signers;

    /// <param name="replayStore">Where used jti are recorded; a process-local <see cref="InMemoryJtiReplayStore"/> when null.</param>
    public AuthorityTokenVerifier(
        AuthorityTokenOptions options,
        IX5uFetcher x5uFetcher,
        IJtiReplayStore? replayStore = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(x5uFetcher);
        options.Validate();
        _options = options;
        _x5uFetcher = x5uFetcher;
        _time = timeProvider ?? TimeProvider.System;
        _replayStore = replayStore ?? new InMemoryJtiReplayStore(_time);
        _chain = new SignerChainValidator(options.TrustAnchors, options.CheckRevocation);
        // With revocation checks on, every token re-validates its chain.
        _signers = new TrustedSignerCache(options.CheckRevocation ? TimeSpan.Zero : TimeSpan.FromMinutes(10));
    }

    /// <summary>
    /// Verifies <paramref name="compactJwt"/> against <paramref name="expected"/>. Throws
    /// <see cref="AuthorityTokenException"/> naming the failed check; only cancellation escapes otherwise.
    /// </summary>
    public async Task<VerifiedAuthorityToken> VerifyAsync(string compactJwt, AuthorityTokenExpectation expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);

        TokenClaims claims;
        JoseHeader header;
        byte[] signature;
        byte[] signingInput;
        using (CompactJws jws = CompactJws.Parse(compactJwt, _options.MaxTokenLength))
        {
            header = JoseHeader.Read(jws.Header, _options.MaxCertificates);
            claims = TokenClaims.Read(jws.Payload);
            signature = jws.Signature;
            signingInput = jws.SigningInput;
        }

        IReadOnlyList<byte[]> chain = await GetChainAsync(header, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        string chainKey = TrustedSignerCache.ChainKey(chain);
        TrustedSigner? owned = null;
        if (!_signers.TryGet(chainKey, now, out TrustedSigner trusted))
        {
            TrustedSigner validated = ValidateSigner(chain, header.X5c is null ? AuthorityTokenCheck.X5u : AuthorityTokenCheck.X5c, now);
            trusted = _signers.Add(chainKey, validated, now);
            if (!ReferenceEquals(trusted, validated))
            {
                validated.Dispose();
            }
            else if (!_signers.Enabled)
            {
                owned = validated;
            }
        }

        bool handedOver = false;
        try
        {
            VerifySignature(trusted.Key, signingInput, signature);
            CheckTimes(claims, now);
            TnAuthList tnAuthList = CheckAtc(claims, expected);

            string signerKeyId = trusted.KeyId;
            if (_options.RequireSingleUseJti
                && !await _replayStore.TryRecordAsync(signerKeyId, claims.Jti, claims.ExpiresAt + _options.ClockSkew, cancellationToken).ConfigureAwait(false))
            {
                throw new AuthorityTokenException(
                    AuthorityTokenCheck.Replayed,
                    $"the token with jti '{JoseHeader.Printable(claims.Jti)}' was already used; request a fresh token from the token authority");
            }

            var verified = new VerifiedAuthorityToken(
                claims.Jti, claims.ExpiresAt, claims.IssuedAt, claims.NotBefore, claims.Issuer, claims.Ca, tnAuthList,
                trusted.Certificate, ownsCertificate: owned is not null, signerKeyId);
            handedOver = true;
            return verified;
        }
        finally
        {
            // An uncached signer's key is used up; its certificate goes to the token, or away on failure.
            owned?.Key.Dispose();
            if (!handedOver)
            {
                owned?.Certificate.Dispose();
            }
        }
    }

    /// <summary>The signer chain's DER, signer first: x5c from the header, or x5u fetched (cached by the fetcher).</summary>
    private async Task<IReadOnlyList<byte[]>> GetChainAsync(JoseHeader header, CancellationToken cancellationToken)
    {
        if (header.X5c is { } x5c)
        {
            return x5c;
        }

        IReadOnlyList<byte[]> fetched = await _x5uFetcher.FetchAsync(header.X5u!, cancellationToken).ConfigureAwait(false);
        if (fetched.Count == 0)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.X5u, "x5u served no certificate");
        }

        return fetched;
    }

    /// <summary>Loads the chain, validates it to a trust anchor and takes the signer's P-256 key: the work the cache saves.</summary>
    private TrustedSigner ValidateSigner(IReadOnlyList<byte[]> chain, AuthorityTokenCheck source, DateTimeOffset now)
    {
        var certificates = new List<X509Certificate2>(chain.Count);
        EcdsaPublicKey? key = null;
        try
        {
            for (int i = 0; i < chain.Count; i++)
            {
                certificates.Add(CertificateBundle.LoadDer(chain[i], source == AuthorityTokenCheck.X5c ? $"x5c[{i}]" : $"x5u certificate {i + 1}"));
            }

            (DateTimeOffset validFrom, DateTimeOffset validUntil) = _chain.Validate(certificates, now);
            X509Certificate2 signer = certificates[0];
            key = SignerChainValidator.GetP256Key(signer);
            string keyId = Base64Url.Encode(SHA256.HashData(signer.PublicKey.ExportSubjectPublicKeyInfo()));
            var trusted = new TrustedSigner(signer, key, keyId, validFrom, validUntil);
            // The signer certificate now belongs to the trusted signer: keep it out of the disposal below.
            certificates.RemoveAt(0);
            return trusted;
        }
        catch (InvalidDataException ex)
        {
            key?.Dispose();
            throw new AuthorityTokenException(source, ex.Message, ex);
        }
        finally
        {
            certificates.ForEach(c => c.Dispose());
        }
    }

    private static void VerifySignature(EcdsaPublicKey key, byte[] signingInput, byte[] signature)
    {
        if (!key.Verify(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.Signature, "the ES256 signature does not verify with the signer certificate's key");
        }
    }

    private void CheckTimes(TokenClaims claims, DateTimeOffset now)
    {
        TimeSpan skew = _options.ClockSkew;
        if (now - skew >= claims.ExpiresAt)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.Expired, $"the token expired at {Time(claims.ExpiresAt)} (exp)");
        }

        if (claims.NotBefore is { } nbf && nbf > now + skew)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.NotYetValid, $"the token is not valid before {Time(nbf)} (nbf)");
        }

        if (claims.IssuedAt is { } iat && iat > now + skew)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.IssuedAt, $"the token claims to be issued in the future, at {Time(iat)} (iat)");
        }
    }

    private static TnAuthList CheckAtc(TokenClaims claims, AuthorityTokenExpectation expected)
    {
        if (!claims.TkType.Equals(TnAuthListIdentifier.IdentifierType, StringComparison.OrdinalIgnoreCase))
        {
            throw new AuthorityTokenException(
                AuthorityTokenCheck.TokenType,
                $"atc.tktype is '{JoseHeader.Printable(claims.TkType)}'; this challenge needs a TNAuthList token (RFC 9448 §5.4)");
        }

        TnAuthList tokenList;
        try
        {
            tokenList = TnAuthListIdentifier.DecodeTolerant(claims.TkValue);
        }
        catch (StirDecodeException ex)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.TokenValue, $"atc.tkvalue is not a base64 DER TNAuthList: {ex.Message}", ex);
        }

        if (!tokenList.Equals(expected.TnAuthList))
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.TokenValue, "atc.tkvalue does not match the challenged TNAuthList");
        }

        if (!AtcFingerprint.TryParse(claims.Fingerprint, out byte[]? thumbprint, out string? error))
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.Fingerprint, $"atc.fingerprint is unreadable: {error}");
        }

        if (!CryptographicOperations.FixedTimeEquals(thumbprint, expected.AccountKeyThumbprint))
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.Fingerprint, "atc.fingerprint does not match the requesting account key (RFC 9448 §6 step 8)");
        }

        return tokenList;
    }

    private static string Time(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
