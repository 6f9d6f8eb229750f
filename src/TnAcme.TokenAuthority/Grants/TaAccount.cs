using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Grants;

/// <summary>An account of the token authority (a service provider), as the operator sees it; never its API key.</summary>
public sealed record TaAccount(string Id, string Name, bool MayDelegate, DateTimeOffset CreatedAt, IReadOnlyList<TaGrant> Grants)
{
    internal static TaAccount From(StoredAccount stored) => new(
        stored.Id,
        stored.Name,
        stored.MayDelegate,
        stored.CreatedAt,
        [.. stored.Grants.Select(g => new TaGrant(GrantSyntax.Parse(g.Type, g.Value), g.MayDelegate))]);
}

/// <summary>One granted entry; <see cref="MayDelegate"/> lets tokens for it carry <c>ca: true</c> (RFC 9447 §4).</summary>
public sealed record TaGrant(TnEntry Entry, bool MayDelegate)
{
    public override string ToString() => GrantSyntax.Format(Entry) + (MayDelegate ? " (may delegate)" : string.Empty);
}

/// <summary>A new account and its API key, which exists only here: the store keeps its hash.</summary>
public sealed record CreatedTaAccount(TaAccount Account, string ApiKey);
