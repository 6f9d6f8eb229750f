using TnAcme.Client.AuthorityTokens;

namespace TnAcme.Client.Tests.Support;

/// <summary>A token source that mints what it is asked for with the test token authority, and remembers the asks.</summary>
public sealed class MintingTokenSource : IAuthorityTokenSource
{
    private readonly TestTokenAuthority _authority;

    public MintingTokenSource(TestTokenAuthority authority) => _authority = authority;

    public List<AuthorityTokenRequest> Requests { get; } = [];

    public string Description => "test token authority";

    public Task<string> GetTokenAsync(AuthorityTokenRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(_authority.Mint(request.TnAuthList, request.AccountThumbprint, ca: request.Ca));
    }
}
