using Microsoft.EntityFrameworkCore;
using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Entities;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Stores;

public sealed class EfAccountStore : IAccountStore
{
    /// <summary>Every authenticated request needs its account (behind the account cache): a prepared statement.</summary>
    private const string ById = $"""SELECT {Rows.AccountColumns} FROM "accounts" WHERE "Id" = @p0""";

    private readonly TnAcmeDatabase _db;

    public EfAccountStore(TnAcmeDatabase db) => _db = db;

    public async Task<Account?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        return (await session.SingleAsync(ById, Rows.Account, cancellationToken, id))?.ToDomain();
    }

    public async Task<Account?> FindByThumbprintAsync(string keyThumbprint, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.KeyThumbprint == keyThumbprint, cancellationToken))?.ToDomain();
    }

    public async Task<AccountCreation> CreateAsync(Account account, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        AccountEntity? existing = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.KeyThumbprint == account.KeyThumbprint, cancellationToken);
        if (existing is not null)
        {
            return new AccountCreation(AccountCreationOutcome.ExistingKey, existing.ToDomain());
        }

        if (account.EabKeyId is { } keyId)
        {
            // Single use: the binding claims the key only if nobody has claimed it yet.
            int bound = await db.ExternalAccountKeys
                .Where(k => k.KeyId == keyId && k.BoundAccountId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.BoundAccountId, account.Id), cancellationToken);
            if (bound == 0)
            {
                bool known = await db.ExternalAccountKeys.AnyAsync(k => k.KeyId == keyId, cancellationToken);
                return new AccountCreation(known ? AccountCreationOutcome.ExternalAccountKeyAlreadyBound : AccountCreationOutcome.ExternalAccountKeyUnknown, null);
            }
        }

        db.Accounts.Add(account.ToEntity());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created an account for the same key in the meantime.
            await tx.RollbackAsync(cancellationToken);
            Account? winner = await FindByThumbprintAsync(account.KeyThumbprint, cancellationToken);
            return winner is null ? throw new InvalidOperationException("account creation failed") : new AccountCreation(AccountCreationOutcome.ExistingKey, winner);
        }

        await tx.CommitAsync(cancellationToken);
        return new AccountCreation(AccountCreationOutcome.Created, account);
    }

    public async Task UpdateAsync(Account account, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        AccountEntity e = account.ToEntity();
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, e.Status)
            .SetProperty(a => a.ContactJson, e.ContactJson)
            .SetProperty(a => a.TermsOfServiceAgreed, e.TermsOfServiceAgreed), cancellationToken);
    }

    public async Task<KeyChangeResult> ChangeKeyAsync(string accountId, string newKeyJwk, string newKeyThumbprint, CancellationToken cancellationToken)
    {
        await using TnAcmeDbContext db = await _db.Contexts.CreateDbContextAsync(cancellationToken);
        string? holder = await db.Accounts.AsNoTracking().Where(a => a.KeyThumbprint == newKeyThumbprint).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            return new KeyChangeResult(false, holder);
        }

        try
        {
            await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.KeyJwk, newKeyJwk)
                .SetProperty(a => a.KeyThumbprint, newKeyThumbprint), cancellationToken);
        }
        catch (DbUpdateException)
        {
            holder = await db.Accounts.AsNoTracking().Where(a => a.KeyThumbprint == newKeyThumbprint).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
            return new KeyChangeResult(false, holder);
        }

        return new KeyChangeResult(true, null);
    }
}
