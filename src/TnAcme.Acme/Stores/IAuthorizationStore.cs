namespace TnAcme.Acme.Stores;

public interface IAuthorizationStore
{
    Task CreateAsync(Authorization authorization, CancellationToken cancellationToken);

    Task<Authorization?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Authorization>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>The authorization holding the challenge with this id.</summary>
    Task<Authorization?> GetByChallengeAsync(string challengeId, CancellationToken cancellationToken);

    /// <summary>Compare-and-set on status; bumps the revision.</summary>
    Task<bool> TryUpdateAsync(Authorization updated, AuthorizationStatus expected, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set on status and revision: writes <paramref name="updated"/> only if the stored authorization is
    /// still <paramref name="read"/> (same status, same revision), and bumps the revision.
    /// </summary>
    Task<bool> TryReplaceAsync(Authorization updated, Authorization read, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="TryReplaceAsync"/> and the recording of <paramref name="spent"/> as used, in one transaction: the
    /// authorization is written only if the value was never recorded before (else <see cref="ReplaceOutcome.AlreadyUsed"/>,
    /// nothing written), and the value is recorded only if the authorization is written.
    /// </summary>
    Task<ReplaceOutcome> TryReplaceSpendingAsync(Authorization updated, Authorization read, SingleUseValue spent, CancellationToken cancellationToken);

    /// <summary>A valid authorization of this account for exactly this identifier, valid until at least <paramref name="validUntil"/>.</summary>
    Task<Authorization?> FindReusableAsync(string accountId, AcmeIdentifier identifier, DateTimeOffset validUntil, CancellationToken cancellationToken);
}

public enum ReplaceOutcome
{
    Replaced,

    /// <summary>The stored authorization is no longer the one read (status or revision): nothing was written.</summary>
    Changed,

    /// <summary>The single-use value was recorded before: nothing was written.</summary>
    AlreadyUsed,
}
