namespace TnAcme.Acme.Stores;

public interface IAccountStore
{
    Task<Account?> GetAsync(string id, CancellationToken cancellationToken);

    Task<Account?> FindByThumbprintAsync(string keyThumbprint, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account and, when it carries an EAB key id, binds that key to it in the same transaction.
    /// Returns the existing account instead when one already has this key (RFC 8555 §7.3.1).
    /// </summary>
    Task<AccountCreation> CreateAsync(Account account, CancellationToken cancellationToken);

    Task UpdateAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Atomically replaces the key unless another account already holds the new one (RFC 8555 §7.3.5).</summary>
    Task<KeyChangeResult> ChangeKeyAsync(string accountId, string newKeyJwk, string newKeyThumbprint, CancellationToken cancellationToken);
}

public enum AccountCreationOutcome
{
    Created,
    ExistingKey,
    ExternalAccountKeyAlreadyBound,
    ExternalAccountKeyUnknown,
}

public sealed record AccountCreation(AccountCreationOutcome Outcome, Account? Account);

public sealed record KeyChangeResult(bool Changed, string? ConflictingAccountId);
