using System.Security.Cryptography.X509Certificates;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>Serves one chain for any x5u without network (fuzzing); counts calls.</summary>
internal sealed class StaticX5uFetcher(params X509Certificate2[] chain) : IX5uFetcher
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<X509Certificate2>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        Calls++;
        if (chain.Length == 0)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.X5u, "test fetcher: no chain");
        }

        IReadOnlyList<X509Certificate2> copies = [.. chain.Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
        return Task.FromResult(copies);
    }
}
