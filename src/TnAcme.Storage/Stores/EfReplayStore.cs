using TnAcme.Acme.Stores;

namespace TnAcme.Storage.Stores;

public sealed class EfReplayStore : IReplayStore
{
    internal const string Record = """
        INSERT INTO "replays" ("Scope", "Value", "KeepUntil") VALUES (@p0, @p1, @p2)
        ON CONFLICT ("Scope", "Value") DO NOTHING
        """;

    /// <summary>Takes back a value recorded earlier in the same transaction (whose other write did not happen).</summary>
    internal const string Unrecord = """DELETE FROM "replays" WHERE "Scope" = @p0 AND "Value" = @p1""";

    private readonly TnAcmeDatabase _db;

    public EfReplayStore(TnAcmeDatabase db) => _db = db;

    /// <summary>
    /// One insert per Authority Token (its jti): a seen value is a conflict that inserts nothing, instead of an
    /// exception out of SaveChanges. Plain SQL both SQLite (3.24+) and PostgreSQL accept.
    /// </summary>
    public async Task<bool> TryRecordAsync(string scope, string value, DateTimeOffset keepUntil, CancellationToken cancellationToken) =>
        await _db.Sql.ExecuteWriteAsync(Record, cancellationToken, scope, value, Time.ToUnix(keepUntil)) == 1;
}
