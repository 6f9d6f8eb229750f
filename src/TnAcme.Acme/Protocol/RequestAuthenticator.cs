using TnAcme.Acme.Jose;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Stores;

namespace TnAcme.Acme.Protocol;

/// <summary>Which key a request must be signed with (RFC 8555 §6.2).</summary>
public enum KeyRequirement
{
    /// <summary>kid: an existing, valid account.</summary>
    Account,

    /// <summary>jwk: newAccount.</summary>
    EmbeddedKey,

    /// <summary>kid or jwk: revokeCert (the account, or the certificate's own key).</summary>
    AccountOrEmbeddedKey,
}

/// <summary>RFC 8555 §6.2–§6.5 in one place: media type, flattened JWS, nonce, URL, key and signature, account state.</summary>
public sealed class RequestAuthenticator
{
    private readonly AcmeUrls _urls;
    private readonly INonceService _nonces;
    private readonly IAccountStore _accounts;
    private readonly AccountKeyCache _keys;
    private readonly int _maxBytes;

    public RequestAuthenticator(AcmeUrls urls, INonceService nonces, IAccountStore accounts, AccountKeyCache keys, AcmeOptions options)
    {
        _urls = urls;
        _nonces = nonces;
        _accounts = accounts;
        _keys = keys;
        _maxBytes = options.MaxRequestBytes;
    }

    public async Task<AuthenticatedRequest> AuthenticateAsync(
        string requestUrl, string? contentType, ReadOnlyMemory<byte> body, KeyRequirement requirement, CancellationToken cancellationToken)
    {
        if (!IsJoseJson(contentType))
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.Malformed,
                Detail = "requests must be sent as Content-Type: application/jose+json",
                Status = 415,
            });
        }

        if (body.Length > _maxBytes)
        {
            throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.Malformed, Detail = $"request body exceeds {_maxBytes} bytes", Status = 413 });
        }

        FlattenedJws jws = FlattenedJws.Parse(body);
        if (!_nonces.TryConsume(jws.Nonce!))
        {
            throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.BadNonce, Detail = "the nonce is unknown, expired or already used; retry with the fresh Replay-Nonce" });
        }

        if (!string.Equals(jws.Url, requestUrl, StringComparison.Ordinal))
        {
            throw new AcmeProblemException(AcmeProblem.Unauthorized($"the JWS \"url\" ({jws.Url}) is not the URL this request was sent to ({requestUrl})", 401));
        }

        Account? account = null;
        JsonWebKey key;
        if (jws.Kid is { } kid)
        {
            if (requirement == KeyRequirement.EmbeddedKey)
            {
                throw new AcmeProblemException(AcmeProblem.Malformed("newAccount must be signed with \"jwk\", not \"kid\""));
            }

            string? accountId = _urls.AccountIdFromKid(kid);
            account = accountId is null ? null : await _accounts.GetAsync(accountId, cancellationToken);
            if (account is null)
            {
                throw new AcmeProblemException(new AcmeProblem { Type = AcmeErrorType.AccountDoesNotExist, Detail = $"no account at \"kid\" {kid}" });
            }

            if (account.Status != AccountStatus.Valid)
            {
                throw new AcmeProblemException(AcmeProblem.Unauthorized($"the account is {StatusNames.Of(account.Status)}", 401));
            }

            key = _keys.Get(account.KeyJwk);
        }
        else
        {
            if (requirement == KeyRequirement.Account)
            {
                throw new AcmeProblemException(AcmeProblem.Malformed("this request must be signed with \"kid\" (the account URL), not \"jwk\""));
            }

            key = jws.Jwk!;
        }

        if (!key.Verify(jws.Algorithm, jws.SigningInput.Span, jws.Signature.Span))
        {
            throw new AcmeProblemException(AcmeProblem.Malformed("the JWS signature does not verify"));
        }

        return new AuthenticatedRequest(jws, account, key);
    }

    private static bool IsJoseJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        int semicolon = contentType.IndexOf(';');
        ReadOnlySpan<char> media = (semicolon < 0 ? contentType : contentType[..semicolon]).AsSpan().Trim();
        return media.Equals("application/jose+json", StringComparison.OrdinalIgnoreCase);
    }
}
