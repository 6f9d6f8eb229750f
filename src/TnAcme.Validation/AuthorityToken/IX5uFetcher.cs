namespace TnAcme.Validation.AuthorityToken;

/// <summary>Retrieves the certificate chain an Authority Token's <c>x5u</c> names (RFC 7515 §4.1.5).</summary>
public interface IX5uFetcher
{
    /// <summary>
    /// Returns the DER of the certificates at <paramref name="url"/>, signer first, each checked to be one DER
    /// certificate. The arrays may be shared with a cache: callers must not modify them. Every failure is an <see cref="AuthorityTokenException"/> with
    /// <see cref="AuthorityTokenCheck.X5u"/>; cancellation of <paramref name="cancellationToken"/> propagates.
    /// </summary>
    Task<IReadOnlyList<byte[]>> FetchAsync(Uri url, CancellationToken cancellationToken);
}
