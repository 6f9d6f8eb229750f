using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Validation.AuthorityToken;

/// <summary>Retrieves the certificate chain an Authority Token's <c>x5u</c> names (RFC 7515 §4.1.5).</summary>
public interface IX5uFetcher
{
    /// <summary>
    /// Returns the certificates at <paramref name="url"/>, signer first. The caller owns and disposes them (new
    /// instances on every call, cached or not). Every failure is an <see cref="AuthorityTokenException"/> with
    /// <see cref="AuthorityTokenCheck.X5u"/>; cancellation of <paramref name="cancellationToken"/> propagates.
    /// </summary>
    Task<IReadOnlyList<X509Certificate2>> FetchAsync(Uri url, CancellationToken cancellationToken);
}
