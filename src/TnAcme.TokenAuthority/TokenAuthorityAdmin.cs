using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TnAcme.Stir;
using TnAcme.TokenAuthority.Grants;
using TnAcme.TokenAuthority.Signing;

namespace TnAcme.TokenAuthority;

/// <summary>
/// The operator's side of the token authority (the STI-PA approving service providers): accounts, their API keys,
/// and the SPCs, ranges and numbers granted to them. Works on the state folder alone, so it runs beside a server.
/// </summary>
public sealed partial class TokenAuthorityAdmin
{
    private readonly TokenAuthorityFolder _folder;
    private readonly GrantStore _store;
    private readonly TimeProvider _time;

    public TokenAuthorityAdmin(string directory, TimeProvider? time = null)
    {
        _folder = new TokenAuthorityFolder(directory);
        _store = new GrantStore(_folder);
        _time = time ?? TimeProvider.System;
    }

    /// <param name="id">The account id clients put in the request URL; the STI-PA uses the OCN. Random when null.</param>
    /// <param name="mayDelegate">Every grant of the account may be delegated (tokens with ca: true).</param>
    public Task<CreatedTaAccount> CreateAccountAsync(string name, bool mayDelegate = false, string? id = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (id is not null && !AccountId().IsMatch(id))
        {
            throw new TokenAuthorityAdminException($"'{id}' is not an account id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        string accountId = id ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string apiKey = ApiKeys.New();
        return _store.UpdateAsync(grants =>
        {
            if (grants.Find(accountId) is not null)
            {
                throw new TokenAuthorityAdminException($"account {accountId} already exists");
            }

            var account = new StoredAccount
            {
                Id = accountId,
                Name = name,
                ApiKeySha256 = ApiKeys.Hash(apiKey),
                MayDelegate = mayDelegate,
                CreatedAt = _time.GetUtcNow(),
            };
            return (grants with { Accounts = [.. grants.Accounts, account] }, new CreatedTaAccount(TaAccount.From(account), apiKey));
        }, ct);
    }

    /// <summary>Adds entries (already granted ones are left as they are, except that delegation can be added).</summary>
    public Task<TaAccount> GrantAsync(string accountId, IEnumerable<TnEntry> entries, bool mayDelegate = false, CancellationToken ct = default)
    {
        StoredGrant[] adding = [.. entries.Select(e => new StoredGrant(GrantSyntax.Kind(e), GrantSyntax.Value(e), mayDelegate))];
        if (adding.Length == 0)
        {
            throw new TokenAuthorityAdminException("name at least one SPC, number or range to grant");
        }

        return ChangeAccountAsync(accountId, account =>
        {
            List<StoredGrant> grants = [.. account.Grants];
            foreach (StoredGrant grant in adding)
            {
                int existing = grants.FindIndex(g => SameEntry(g, grant));
                if (existing < 0)
                {
                    grants.Add(grant);
                }
                else if (grant.MayDelegate)
                {
                    grants[existing] = grants[existing] with { MayDelegate = true };
                }
            }

            return account with { Grants = grants };
        }, ct);
    }

    /// <summary>Removes whole grants as listed; a sub-range of a granted range cannot be carved out.</summary>
    public Task<TaAccount> RevokeAsync(string accountId, IEnumerable<TnEntry> entries, CancellationToken ct = default)
    {
        TnEntry[] removing = [.. entries];
        return ChangeAccountAsync(accountId, account =>
        {
            List<StoredGrant> grants = [.. account.Grants];
            foreach (TnEntry entry in removing)
            {
                var probe = new StoredGrant(GrantSyntax.Kind(entry), GrantSyntax.Value(entry));
                if (grants.RemoveAll(g => SameEntry(g, probe)) == 0)
                {
                    throw new TokenAuthorityAdminException(
                        $"{GrantSyntax.Format(entry)} is not a grant of account {accountId}; revoke removes whole grants as 'tnacme ta list' shows them");
                }
            }

            return account with { Grants = grants };
        }, ct);
    }

    /// <summary>Replaces the API key (a leaked key); the old one stops working at once.</summary>
    public async Task<string> ResetApiKeyAsync(string accountId, CancellationToken ct = default)
    {
        string apiKey = ApiKeys.New();
        await ChangeAccountAsync(accountId, account => account with { ApiKeySha256 = ApiKeys.Hash(apiKey) }, ct);
        return apiKey;
    }

    public async Task<IReadOnlyList<TaAccount>> ListAsync(CancellationToken ct = default) =>
        [.. (await _store.ReadAsync(ct)).Accounts.Select(TaAccount.From)];

    /// <summary>
    /// Issues a new token-signing certificate; with <paramref name="revokeCurrent"/> the old one is put on the CRL.
    /// A running server signs with the certificate it loaded until restarted. Returns the new serial (hex).
    /// </summary>
    public Task<string> RenewSignerAsync(bool revokeCurrent, string name = "TnAcme Development STI-PA", CancellationToken ct = default) =>
        TokenAuthorityCredentials.RenewSignerAsync(_folder, name, revokeCurrent, _time, ct);

    private Task<TaAccount> ChangeAccountAsync(string accountId, Func<StoredAccount, StoredAccount> change, CancellationToken ct) =>
        _store.UpdateAsync(grants =>
        {
            StoredAccount account = grants.Find(accountId) ?? throw new TokenAuthorityAdminException($"there is no account {accountId}");
            StoredAccount changed = change(account);
            return (grants.Replace(changed), TaAccount.From(changed));
        }, ct);

    private static bool SameEntry(StoredGrant a, StoredGrant b) =>
        a.Type.Equals(b.Type, StringComparison.Ordinal) && a.Value.Equals(b.Value, StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex AccountId();
}
