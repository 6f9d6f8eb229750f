using System.Security.Cryptography.X509Certificates;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation.Tests.AuthorityToken.Support;

/// <summary>Serves one chain for any x5u without network (fuzzing); counts calls.</summary>
internal sealed class StaticX5uFetcher(params X509Certificate2[] chain) : IX5uFetcher
{
    public int Calls { get; private set; }

    public Task<IReadOnlyList<byte[]>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        Calls++;
        if (chain.Length == 0)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.X5u, "test fetcher: no chain");
        }

        IReadOnlyList<byte[]> der = [.. chain.Select(c => c.RawData)];
        return Task.FromResult(der);
    }
}
