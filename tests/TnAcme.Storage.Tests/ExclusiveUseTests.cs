using Microsoft.Data.Sqlite;
using TnAcme.Storage.Sql;

namespace TnAcme.Storage.Tests;

/// <summary>
/// <see cref="TnAcmeDatabase.ClaimExclusiveUse"/>: one server per database file (a lock file), and only a server that
/// holds it keeps committed rows in memory.
/// </summary>
public sealed class ExclusiveUseTests : MigratedSqliteDatabase
{
    private string LockPath => DatabasePath + "-server.lock";

    [Fact]
    public async Task A_second_claim_on_the_same_file_is_refused_while_the_first_holds_it()
    {
        Db.ClaimExclusiveUse();
        Assert.Equal(LockPath, Db.ExclusiveUseLock);
        Assert.True(File.Exists(LockPath));
        Assert.NotNull(Db.Orders);
        Assert.NotNull(Db.Authorizations);

        await using TnAcmeDatabase second = StorageSetup.OpenSqlite(DatabasePath);
        DatabaseInUseException e = Assert.Throws<DatabaseInUseException>(second.ClaimExclusiveUse);
        Assert.IsAssignableFrom<InvalidOperationException>(e);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
        Assert.Contains(LockPath, e.Message, StringComparison.Ordinal);
        Assert.Null(second.Orders);
        Assert.Null(second.Authorizations);

        // Refused again: a failed claim changes nothing, and the first still holds the database.
        Assert.Throws<DatabaseInUseException>(second.ClaimExclusiveUse);
        Assert.NotNull(Db.Orders);
    }

    [Fact]
    public async Task Disposing_the_holder_lets_another_claim_succeed()
    {
        TnAcmeDatabase first = StorageSetup.OpenSqlite(DatabasePath);
        await using TnAcmeDatabase second = StorageSetup.OpenSqlite(DatabasePath);
        try
        {
            first.ClaimExclusiveUse();
            Assert.Throws<DatabaseInUseException>(second.ClaimExclusiveUse);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Null(first.Orders);
        Assert.Null(first.Authorizations);

        second.ClaimExclusiveUse();
        Assert.NotNull(second.Orders);
        Assert.NotNull(second.Authorizations);

        // Now the second holds it: the fixture's database is the one refused.
        Assert.Throws<DatabaseInUseException>(Db.ClaimExclusiveUse);
        Assert.Null(Db.Orders);
    }

    [Fact]
    public void Claiming_twice_on_the_same_database_keeps_its_lock_and_its_caches()
    {
        Db.ClaimExclusiveUse();
        object orders = Db.Orders!;
        object authorizations = Db.Authorizations!;

        Db.ClaimExclusiveUse();

        Assert.Same(orders, Db.Orders);
        Assert.Same(authorizations, Db.Authorizations);
    }

    [Fact]
    public async Task Only_a_claimed_database_keeps_caches_and_disposal_drops_them_with_the_lock()
    {
        Assert.Null(Db.Orders);
        Assert.Null(Db.Authorizations);
        Assert.False(File.Exists(LockPath));

        Db.ClaimExclusiveUse();
        Assert.NotNull(Db.Orders);
        TnAcmeDatabase claimed = Db;

        await ReopenAsync();
        Assert.Null(claimed.Orders);
        Assert.Null(claimed.Authorizations);
        Assert.Null(Db.Orders);
        Assert.Null(Db.Authorizations);

        Db.ClaimExclusiveUse();
        Assert.NotNull(Db.Orders);
    }

    [Fact]
    public async Task A_database_without_a_lock_path_claims_nothing_and_keeps_no_caches()
    {
        // A shared database (several nodes): claiming is a no-op, even while a server holds this file's lock.
        Db.ClaimExclusiveUse();
        string connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        var pool = new SqlSessionPool(() => new SqliteConnection(connectionString), _ => { }, serializeWriters: false, SqlDialect.Sqlite);
        await using var shared = new TnAcmeDatabase(StorageSetup.SqliteFactory(DatabasePath), pool, exclusiveUseLock: null);

        shared.ClaimExclusiveUse();
        shared.ClaimExclusiveUse();

        Assert.Null(shared.ExclusiveUseLock);
        Assert.Null(shared.Orders);
        Assert.Null(shared.Authorizations);
    }

    [Fact]
    public async Task Without_a_lock_path_no_lock_file_is_made()
    {
        string connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        var pool = new SqlSessionPool(() => new SqliteConnection(connectionString), _ => { }, serializeWriters: false, SqlDialect.Sqlite);
        await using (var shared = new TnAcmeDatabase(StorageSetup.SqliteFactory(DatabasePath), pool))
        {
            shared.ClaimExclusiveUse();
            Assert.Null(shared.Orders);
        }

        Assert.False(File.Exists(LockPath));
        Assert.Empty(Directory.GetFiles(Folder, "*.lock"));

        // Nothing was taken: a server can claim the file.
        Db.ClaimExclusiveUse();
        Assert.NotNull(Db.Orders);
    }
}
