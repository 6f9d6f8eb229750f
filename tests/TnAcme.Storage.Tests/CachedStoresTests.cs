using System.Globalization;
using TnAcme.Acme;
using TnAcme.Acme.Issuance;
using TnAcme.Acme.Problems;
using TnAcme.Acme.Stores;
using TnAcme.Issuance;
using TnAcme.Stir;
using TnAcme.Storage.Stores;

namespace TnAcme.Storage.Tests;

/// <summary>
/// The order and authorization stores of a server that claimed its database (rows it committed kept in memory) read
/// exactly what the database holds, as a database that keeps nothing (another <see cref="TnAcmeDatabase"/> on the same
/// file, unclaimed) reads it, after every write of an issuance, including the writes that lose their compare-and-set.
/// </summary>
public sealed class CachedStoresTests : MigratedSqliteDatabase
{
    /// <summary>Not whole milliseconds, and not UTC: what the database keeps (Unix milliseconds) is not what was given.</summary>
    private static readonly DateTimeOffset Now =
        DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).AddTicks(1234).ToOffset(TimeSpan.FromHours(2));

    [Fact]
    public async Task Through_an_issuance_the_cached_reads_equal_the_databases()
    {
        Db.ClaimExclusiveUse();
        await using TnAcmeDatabase unclaimed = StorageSetup.OpenSqlite(DatabasePath);
        var orders = new EfOrderStore(Db);
        var authorizations = new EfAuthorizationStore(Db);

        // newOrder: the order and its two authorizations in one write.
        Authorization first = NewAuthorization("acct-1", "MAigBhYEMTIzNA");
        Authorization second = NewAuthorization("acct-1", "MAigBhYENTY3OA");
        Order order = NewOrder("acct-1", [first.Id, second.Id]);
        await orders.CreateAsync(order, [first, second], CancellationToken.None);

        Assert.True(Db.Orders!.TryGet(order.Id, out _));
        Assert.True(Db.Authorizations!.TryGet(first.Id, out _));
        Assert.True(Db.Authorizations.TryGet(second.Id, out _));
        // Served from memory: the same object every time.
        Assert.Same(await orders.GetAsync(order.Id, CancellationToken.None), await orders.GetAsync(order.Id, CancellationToken.None));
        await AssertCoherentAsync(unclaimed, order.Id);

        // The first challenge succeeds: the authorization is replaced at its next revision.
        Authorization firstRead = (await authorizations.GetAsync(first.Id, CancellationToken.None))!;
        Assert.True(await authorizations.TryReplaceAsync(Valid(firstRead), firstRead, CancellationToken.None));
        Authorization firstValid = (await authorizations.GetAsync(first.Id, CancellationToken.None))!;
        Assert.Equal(AuthorizationStatus.Valid, firstValid.Status);
        Assert.Equal(firstRead.Revision + 1, firstValid.Revision);
        await AssertCoherentAsync(unclaimed, order.Id);

        // Compare-and-sets that lose change nothing, in the database or in memory.
        Assert.False(await authorizations.TryReplaceAsync(Valid(firstRead) with { GrantedCa = false, Expires = Now.AddDays(2) }, firstRead, CancellationToken.None));
        Assert.False(await authorizations.TryUpdateAsync(second with { Status = AuthorizationStatus.Deactivated }, AuthorizationStatus.Valid, CancellationToken.None));
        Assert.Same(firstValid, await authorizations.GetAsync(first.Id, CancellationToken.None));
        await AssertCoherentAsync(unclaimed, order.Id);

        // The second challenge spends a single-use value with its replacement.
        Authorization secondRead = (await authorizations.GetByChallengeAsync(second.Challenges[0].Id, CancellationToken.None))!;
        var jti = new SingleUseValue("atc-jti:test", Guid.NewGuid().ToString(), Now.AddHours(1));
        Assert.Equal(ReplaceOutcome.Replaced, await authorizations.TryReplaceSpendingAsync(Valid(secondRead), secondRead, jti, CancellationToken.None));
        await AssertCoherentAsync(unclaimed, order.Id);
        Authorization secondValid = (await authorizations.GetAsync(second.Id, CancellationToken.None))!;
        Assert.Equal(ReplaceOutcome.AlreadyUsed, await authorizations.TryReplaceSpendingAsync(secondValid with { GrantedCa = false }, secondValid, jti, CancellationToken.None));
        Assert.Equal(ReplaceOutcome.Changed, await authorizations.TryReplaceSpendingAsync(Valid(secondRead), secondRead, Jti(), CancellationToken.None));
        Assert.Same(secondValid, await authorizations.GetAsync(second.Id, CancellationToken.None));
        await AssertCoherentAsync(unclaimed, order.Id);

        // The order becomes ready (compare-and-set on its status), and a write expecting the old status loses.
        // (Written from the order as given to newOrder, whose times are finer than the database keeps.)
        Order pending = (await orders.GetAsync(order.Id, CancellationToken.None))!;
        Assert.True(await orders.TryUpdateAsync(order with { Status = OrderStatus.Ready }, OrderStatus.Pending, CancellationToken.None));
        Assert.Equal(OrderStatus.Ready, (await orders.GetAsync(order.Id, CancellationToken.None))!.Status);
        await AssertCoherentAsync(unclaimed, order.Id);
        Assert.False(await orders.TryUpdateAsync(Failed(pending), OrderStatus.Pending, CancellationToken.None));
        Assert.Equal(OrderStatus.Ready, (await orders.GetAsync(order.Id, CancellationToken.None))!.Status);
        await AssertCoherentAsync(unclaimed, order.Id);

        // Finalize: the CA claims the order with its intent, a second claim loses, then the certificate makes it valid.
        Order ready = (await orders.GetWithAuthorizationsAsync(order.Id, CancellationToken.None))!.Order;
        string serial = Serial();
        await Journal(ready).RecordIntentAsync(serial, "tn-shortlived", new byte[] { 0x30, 0x00 }, CancellationToken.None);
        Assert.Equal(OrderStatus.Processing, (await orders.GetAsync(order.Id, CancellationToken.None))!.Status);
        await AssertCoherentAsync(unclaimed, order.Id);

        await Assert.ThrowsAsync<OrderNotClaimedException>(() =>
            Journal(ready).RecordIntentAsync(Serial(), "tn-shortlived", new byte[] { 0x30, 0x00 }, CancellationToken.None));
        Assert.False(await orders.TryUpdateAsync(Failed(ready), OrderStatus.Ready, CancellationToken.None));
        await AssertCoherentAsync(unclaimed, order.Id);

        await Journal(ready).RecordIssuedAsync(Certificate(serial), CancellationToken.None);
        Order valid = (await orders.GetAsync(order.Id, CancellationToken.None))!;
        Assert.Equal(OrderStatus.Valid, valid.Status);
        Assert.Equal(serial, valid.CertificateSerial);
        await AssertCoherentAsync(unclaimed, order.Id);

        // Deactivation bumps the stored revision, which the store does not know: it must read it from the database.
        Assert.True(await authorizations.TryUpdateAsync(firstValid with { Status = AuthorizationStatus.Deactivated }, AuthorizationStatus.Valid, CancellationToken.None));
        Authorization deactivated = (await authorizations.GetAsync(first.Id, CancellationToken.None))!;
        Assert.Equal(AuthorizationStatus.Deactivated, deactivated.Status);
        Assert.Equal(firstValid.Revision + 1, deactivated.Revision);
        await AssertCoherentAsync(unclaimed, order.Id);
    }

    [Fact]
    public async Task An_order_failed_after_the_CA_claimed_it_reads_as_the_database_holds_it()
    {
        Db.ClaimExclusiveUse();
        await using TnAcmeDatabase unclaimed = StorageSetup.OpenSqlite(DatabasePath);
        var orders = new EfOrderStore(Db);
        Order order = NewOrder("acct-2", []) with { Status = OrderStatus.Ready };
        await orders.CreateAsync(order, [], CancellationToken.None);
        await AssertCoherentAsync(unclaimed, order.Id);

        Order ready = (await orders.GetAsync(order.Id, CancellationToken.None))!;
        await Journal(ready).RecordIntentAsync(Serial(), "tn-shortlived", new byte[] { 0x30, 0x00 }, CancellationToken.None);
        await AssertCoherentAsync(unclaimed, order.Id);

        // As finalize does when signing fails: from processing to invalid, written over the order as it read it.
        Assert.True(await orders.TryUpdateAsync(Failed(order), OrderStatus.Processing, CancellationToken.None));
        Order failed = (await orders.GetAsync(order.Id, CancellationToken.None))!;
        Assert.Equal(OrderStatus.Invalid, failed.Status);
        Assert.NotNull(failed.Error);
        await AssertCoherentAsync(unclaimed, order.Id);

        Assert.False(await orders.TryUpdateAsync(ready with { Status = OrderStatus.Valid, CertificateSerial = Serial() }, OrderStatus.Processing, CancellationToken.None));
        await AssertCoherentAsync(unclaimed, order.Id);
    }

    [Fact]
    public async Task Orders_with_authorizations_this_process_did_not_commit_are_read_from_the_database()
    {
        Db.ClaimExclusiveUse();
        await using TnAcmeDatabase unclaimed = StorageSetup.OpenSqlite(DatabasePath);
        var orders = new EfOrderStore(Db);

        // A pre-authorization (newAuthz) committed here, one written before this server claimed the database (here: by
        // the unclaimed database), and an id that names nothing.
        Authorization preAuthorized = NewAuthorization("acct-3", "MAigBhYEMTIzNA");
        await new EfAuthorizationStore(Db).CreateAsync(preAuthorized, CancellationToken.None);
        Authorization older = NewAuthorization("acct-3", "MAigBhYENTY3OA");
        await new EfAuthorizationStore(unclaimed).CreateAsync(older, CancellationToken.None);
        Assert.True(Db.Authorizations!.TryGet(preAuthorized.Id, out _));
        Assert.False(Db.Authorizations.TryGet(older.Id, out _));

        Order reusing = NewOrder("acct-3", [preAuthorized.Id]);
        Order mixed = NewOrder("acct-3", [older.Id, "no-such-authorization", preAuthorized.Id]);
        await orders.CreateAsync(reusing, [], CancellationToken.None);
        await orders.CreateAsync(mixed, [], CancellationToken.None);

        await AssertCoherentAsync(unclaimed, reusing.Id);
        await AssertCoherentAsync(unclaimed, mixed.Id);
        OrderWithAuthorizations read = (await orders.GetWithAuthorizationsAsync(mixed.Id, CancellationToken.None))!;
        Assert.Equal([older.Id, preAuthorized.Id], read.Authorizations.Select(a => a.Id));
        Assert.Null(await orders.GetWithAuthorizationsAsync("no-such-order", CancellationToken.None));
        Assert.Null(await orders.GetAsync("no-such-order", CancellationToken.None));
    }

    /// <summary>Every read of the claimed stores equals the same read on the unclaimed database (which reads the file).</summary>
    private async Task AssertCoherentAsync(TnAcmeDatabase unclaimed, string orderId)
    {
        Assert.Null(unclaimed.Orders);
        var cachedOrders = new EfOrderStore(Db);
        var databaseOrders = new EfOrderStore(unclaimed);
        var cachedAuthorizations = new EfAuthorizationStore(Db);
        var databaseAuthorizations = new EfAuthorizationStore(unclaimed);

        Order stored = (await databaseOrders.GetAsync(orderId, CancellationToken.None))!;
        Assert.NotNull(stored);
        Assert.Equal(Describe(stored), Describe((await cachedOrders.GetAsync(orderId, CancellationToken.None))!));

        OrderWithAuthorizations storedWith = (await databaseOrders.GetWithAuthorizationsAsync(orderId, CancellationToken.None))!;
        OrderWithAuthorizations cachedWith = (await cachedOrders.GetWithAuthorizationsAsync(orderId, CancellationToken.None))!;
        Assert.Equal(Describe(storedWith.Order), Describe(cachedWith.Order));
        Assert.Equal(storedWith.Authorizations.Select(Describe), cachedWith.Authorizations.Select(Describe));

        IReadOnlyList<Authorization> storedMany = await databaseAuthorizations.GetManyAsync(stored.AuthorizationIds, CancellationToken.None);
        IReadOnlyList<Authorization> cachedMany = await cachedAuthorizations.GetManyAsync(stored.AuthorizationIds, CancellationToken.None);
        Assert.Equal(storedMany.Select(Describe), cachedMany.Select(Describe));
        Assert.Equal(storedMany.Select(Describe), storedWith.Authorizations.Select(Describe));

        foreach (Authorization authorization in storedMany)
        {
            Assert.Equal(Describe(authorization), Describe((await cachedAuthorizations.GetAsync(authorization.Id, CancellationToken.None))!));
            foreach (Challenge challenge in authorization.Challenges)
            {
                Authorization? byChallenge = await cachedAuthorizations.GetByChallengeAsync(challenge.Id, CancellationToken.None);
                Assert.Equal(Describe(authorization), Describe(byChallenge!));
            }
        }
    }

    /// <summary>Every field, times to the tick with their offsets, the challenges as stored and their validation times.</summary>
    private static string Describe(Order o) => string.Join(" | ",
        o.Id, o.AccountId, o.Status, Stamp(o.Expires),
        string.Join(",", o.Identifiers.Select(i => i.Type + ":" + i.Value)),
        Stamp(o.NotBefore), Stamp(o.NotAfter), o.Profile, string.Join(",", o.AuthorizationIds),
        StorageJson.Problem(o.Error) ?? "-", o.CertificateSerial ?? "-", Stamp(o.CreatedAt));

    private static string Describe(Authorization a) => string.Join(" | ",
        a.Id, a.AccountId, a.Identifier.Type + ":" + a.Identifier.Value, a.Status, Stamp(a.Expires),
        ChallengesJson.Write(a.Challenges), string.Join(",", a.Challenges.Select(c => Stamp(c.Validated) + "/" + (c.Secret?.Value ?? "-"))),
        a.GrantedCa, Stamp(a.ProofExpires), Stamp(a.CreatedAt), a.Revision.ToString(CultureInfo.InvariantCulture), a.ValidatedBy ?? "-");

    private static string Stamp(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture) ?? "-";

    private static Authorization NewAuthorization(string accountId, string tnAuthList)
    {
        string id = Ids.TimeOrdered(Now);
        return new Authorization
        {
            Id = id,
            AccountId = accountId,
            Identifier = new AcmeIdentifier("TNAuthList", tnAuthList),
            Expires = Now.AddHours(1),
            CreatedAt = Now,
            Challenges =
            [
                new Challenge
                {
                    Id = Ids.ChallengeId(id, 0),
                    Type = "tkauth-01",
                    Token = Ids.Token(),
                    Attributes = new Dictionary<string, string> { ["tkauth-type"] = "atc", ["token-authority"] = "https://ta.example" },
                },
                new Challenge
                {
                    Id = Ids.ChallengeId(id, 1),
                    Type = "tn-callback-01",
                    Token = Ids.Token(),
                    ListAttributes = new Dictionary<string, IReadOnlyList<string>> { ["channels"] = ["sms", "voice"] },
                    Secret = new ChallengeSecret("half-a-token"),
                },
            ],
        };
    }

    private static Order NewOrder(string accountId, IReadOnlyList<string> authorizationIds) => new()
    {
        Id = Ids.TimeOrdered(Now),
        AccountId = accountId,
        Expires = Now.AddHours(1),
        Identifiers = [new AcmeIdentifier("TNAuthList", "MAigBhYEMTIzNA"), new AcmeIdentifier("TNAuthList", "MAigBhYENTY3OA")],
        NotBefore = Now,
        NotAfter = Now.AddDays(1),
        Profile = "tn-shortlived",
        AuthorizationIds = authorizationIds,
        CreatedAt = Now,
    };

    private static Authorization Valid(Authorization read) => read with
    {
        Status = AuthorizationStatus.Valid,
        Expires = Now.AddDays(30),
        GrantedCa = true,
        ProofExpires = Now.AddMinutes(30),
        Challenges = [read.Challenges[0] with { Status = ChallengeStatus.Valid, Validated = Now.AddSeconds(1) }, .. read.Challenges.Skip(1)],
    };

    private static Order Failed(Order read) => read with
    {
        Status = OrderStatus.Invalid,
        Error = new AcmeProblem { Type = "urn:ietf:params:acme:error:serverInternal", Detail = "issuance failed", Status = 500 },
    };

    private DbIssuanceJournal Journal(Order read) =>
        new(Db, read.AccountId, read.Id, read.Status, chainAboveLeafPem: "", issuer: "CN=Test", provedBy: ["tkauth-01"]);

    private static IssuedCertificate Certificate(string serial) =>
        new(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }, serial, "tn-shortlived", TnAuthList.Create(TnEntry.OfNumber("12025550123")), Now, Now.AddDays(1));

    private static SingleUseValue Jti() => new("atc-jti:test", Guid.NewGuid().ToString(), Now.AddHours(1));

    private static string Serial() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
