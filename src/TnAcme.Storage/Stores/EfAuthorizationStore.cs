using TnAcme.Acme;
using TnAcme.Acme.Stores;
using TnAcme.Storage.Caching;
using TnAcme.Storage.Entities;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Stores;

/// <summary>Authorizations, with their challenges as JSON: every statement is on the issuance path, so all are prepared.</summary>
public sealed class EfAuthorizationStore : IAuthorizationStore
{
    private const string Insert = $"""
        INSERT INTO "authorizations" ({Rows.AuthorizationColumns})
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)
        """;

    private const string ById = $"""SELECT {Rows.AuthorizationColumns} FROM "authorizations" WHERE "Id" = @p0""";

    private const string CompareAndSet = """
        UPDATE "authorizations" SET "Status" = @p0, "Expires" = @p1, "ChallengesJson" = @p2, "GrantedCa" = @p3, "ProofExpires" = @p4,
            "Revision" = "Revision" + 1
        WHERE "Id" = @p5 AND "Status" = @p6
        """;

    private const string Replace = """
        UPDATE "authorizations" SET "Status" = @p0, "Expires" = @p1, "ChallengesJson" = @p2, "GrantedCa" = @p3, "ProofExpires" = @p4,
            "Revision" = @p5
        WHERE "Id" = @p6 AND "Status" = @p7 AND "Revision" = @p8
        """;

    /// <summary>
    /// The status is a literal, as in the filter of the partial index over valid authorizations (TnAcmeDbContext): a
    /// parameter would not let the planner prove the index applies, and it would scan.
    /// </summary>
    internal static readonly string Reusable = $"""
        SELECT {Rows.AuthorizationColumns} FROM "authorizations"
        WHERE "AccountId" = @p0 AND "IdentifierType" = @p1 AND "IdentifierValue" = @p2 AND "Status" = {(int)AuthorizationStatus.Valid} AND "Expires" > @p3
        ORDER BY "Expires" DESC LIMIT 1
        """;

    private readonly TnAcmeDatabase _db;

    public EfAuthorizationStore(TnAcmeDatabase db) => _db = db;

    /// <summary>A row about to be written, with what a read returns once it is committed (when this process keeps that).</summary>
    internal static AuthorizationWrite Writing(TnAcmeDatabase db, AuthorizationEntity row) =>
        new(row, KeptRow<Authorization>.For(db.Authorizations, row.Id, row.ToDomain));

    internal static async Task<int> InsertAsync(SqlSession session, AuthorizationWrite insert, CancellationToken cancellationToken)
    {
        int inserted = await session.ExecuteAsync(Insert, cancellationToken, InsertValues(insert.Row));
        insert.Kept?.PutAfterCommit(session);
        return inserted;
    }

    public Task CreateAsync(Authorization authorization, CancellationToken cancellationToken)
    {
        AuthorizationWrite insert = Writing(_db, authorization.ToEntity());
        return _db.Sql.WriteAsync((session, ct) => InsertAsync(session, insert, ct), cancellationToken);
    }

    private static object?[] InsertValues(AuthorizationEntity a) =>
        [a.Id, a.AccountId, a.IdentifierType, a.IdentifierValue, a.Status, a.Expires, a.ChallengesJson, a.GrantedCa, a.ProofExpires, a.CreatedAt, a.Revision];

    public async Task<Authorization?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (_db.Authorizations is { } committed && committed.TryGet(id, out Authorization cached))
        {
            return cached;
        }

        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        return (await session.SingleAsync(ById, Rows.Authorization, cancellationToken, id))?.ToDomain();
    }

    public async Task<IReadOnlyList<Authorization>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        // Orders hold few authorizations (at most one per identifier): one prepared lookup each beats a query whose text
        // (an IN list) changes with the count.
        var found = new List<Authorization>(ids.Count);
        foreach (string id in ids)
        {
            if (await GetAsync(id, cancellationToken) is { } authorization)
            {
                found.Add(authorization);
            }
        }

        return found;
    }

    /// <summary>Challenge ids are "&lt;authorization id&gt;-&lt;n&gt;", so the owner is found without another table.</summary>
    public Task<Authorization?> GetByChallengeAsync(string challengeId, CancellationToken cancellationToken)
    {
        int dash = challengeId.LastIndexOf('-');
        return dash <= 0 ? Task.FromResult<Authorization?>(null) : GetAsync(challengeId[..dash], cancellationToken);
    }

    public async Task<bool> TryUpdateAsync(Authorization updated, AuthorizationStatus expected, CancellationToken cancellationToken)
    {
        AuthorizationEntity e = updated.ToEntity();
        return await _db.Sql.WriteAsync(async (session, ct) =>
        {
            // The stored revision is bumped, not set: the row's revision is not known here, so it is not kept.
            int changed = await session.ExecuteAsync(CompareAndSet, ct,
                e.Status, e.Expires, e.ChallengesJson, e.GrantedCa, e.ProofExpires, e.Id, (int)expected);
            if (changed == 1)
            {
                _db.Authorizations?.ForgetAfterCommit(session, e.Id);
            }

            return changed == 1;
        }, cancellationToken);
    }

    public async Task<bool> TryReplaceAsync(Authorization updated, Authorization read, CancellationToken cancellationToken)
    {
        AuthorizationWrite replace = Replacing(updated, read);
        return await _db.Sql.WriteAsync((session, ct) => ReplaceAsync(session, replace, read, ct), cancellationToken);
    }

    /// <summary>The row <paramref name="updated"/> becomes when it replaces <paramref name="read"/>: the next revision.</summary>
    private AuthorizationWrite Replacing(Authorization updated, Authorization read)
    {
        AuthorizationEntity e = updated.ToEntity();
        e.Revision = read.Revision + 1;
        return Writing(_db, e);
    }

    private static async Task<bool> ReplaceAsync(SqlSession session, AuthorizationWrite replace, Authorization read, CancellationToken ct)
    {
        AuthorizationEntity e = replace.Row;
        if (await session.ExecuteAsync(Replace, ct,
            e.Status, e.Expires, e.ChallengesJson, e.GrantedCa, e.ProofExpires, e.Revision, e.Id, (int)read.Status, read.Revision) != 1)
        {
            return false;
        }

        replace.Kept?.PutAfterCommit(session);
        return true;
    }

    /// <summary>
    /// One write unit: record the value (a conflict means it was spent before: nothing is written), then the
    /// compare-and-set; if that finds the authorization changed, the value is taken back in the same transaction, so no
    /// other transaction ever sees it spent.
    /// </summary>
    public Task<ReplaceOutcome> TryReplaceSpendingAsync(Authorization updated, Authorization read, SingleUseValue spent, CancellationToken cancellationToken)
    {
        AuthorizationWrite replace = Replacing(updated, read);
        long keepUntil = Time.ToUnix(spent.KeepUntil);
        return _db.Sql.WriteAsync(async (session, ct) =>
        {
            if (await session.ExecuteAsync(EfReplayStore.Record, ct, spent.Scope, spent.Value, keepUntil) != 1)
            {
                return ReplaceOutcome.AlreadyUsed;
            }

            if (await ReplaceAsync(session, replace, read, ct))
            {
                return ReplaceOutcome.Replaced;
            }

            await session.ExecuteAsync(EfReplayStore.Unrecord, ct, spent.Scope, spent.Value);
            return ReplaceOutcome.Changed;
        }, cancellationToken);
    }

    public async Task<Authorization?> FindReusableAsync(string accountId, AcmeIdentifier identifier, DateTimeOffset validUntil, CancellationToken cancellationToken)
    {
        await using SqlSession session = await _db.Sql.LeaseAsync(cancellationToken);
        AuthorizationEntity? row = await session.SingleAsync(Reusable, Rows.Authorization, cancellationToken,
            accountId, identifier.Type, identifier.Value, Time.ToUnix(validUntil));
        return row?.ToDomain();
    }
}

/// <summary>An authorization row being written, and what a read returns once it is committed (null when this process keeps none).</summary>
internal readonly record struct AuthorizationWrite(AuthorizationEntity Row, KeptRow<Authorization>? Kept);
