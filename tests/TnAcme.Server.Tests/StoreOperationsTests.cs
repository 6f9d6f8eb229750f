using TnAcme.Acme;
using TnAcme.Acme.Issuance;
using TnAcme.Acme.Stores;
using TnAcme.Storage;
using TnAcme.Storage.Sql;
using TnAcme.Storage.Stores;

namespace TnAcme.Server.Tests;

/// <summary>
/// The stores' combined operations, called directly on the fixture's database (beside its running server): what the
/// HTTP tests cannot force, such as a lost compare-and-set or a race on a single-use value.
/// Part of the integration suite every storage backend runs (<see cref="StorageBackends"/>).
/// </summary>
public abstract class StoreOperationsTests : IAsyncLifetime
{
    private readonly ServerFixture _fixture;
    private TnAcmeDatabase _db = null!;

    protected StoreOperationsTests(ServerFixture fixture) => _fixture = fixture;

    public async Task InitializeAsync() => _db = await DatabaseProviders.OpenAsync(_fixture.Database, _fixture.DataDirectory, CancellationToken.None);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private EfAuthorizationStore Authorizations => new(_db);

    private EfOrderStore Orders => new(_db);

    private async Task<Authorization> PendingAsync()
    {
        Authorization authorization = NewAuthorization();
        await Authorizations.CreateAsync(authorization, CancellationToken.None);
        return authorization;
    }

    private static Authorization NewAuthorization()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string id = Ids.New();
        return new Authorization
        {
            Id = id,
            AccountId = "acct-" + Ids.New()[..8],
            Identifier = new AcmeIdentifier("TNAuthList", "MAigBhYEMTIzNA"),
            Expires = now.AddHours(1),
            CreatedAt = now,
            Challenges =
            [
                new Challenge { Id = Ids.ChallengeId(id, 0), Type = "tkauth-01", Token = Ids.Token(), Attributes = new Dictionary<string, string> { ["tkauth-type"] = "atc" } },
            ],
        };
    }

    private static Order NewOrder(string accountId, IReadOnlyList<string> authorizationIds) => new()
    {
        Id = Ids.New(),
        AccountId = accountId,
        Expires = DateTimeOffset.UtcNow.AddHours(1),
        Identifiers = [new AcmeIdentifier("TNAuthList", "MAigBhYEMTIzNA")],
        Profile = "tn-shortlived",
        AuthorizationIds = authorizationIds,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static Authorization Valid(Authorization read) => read with
    {
        Status = AuthorizationStatus.Valid,
        GrantedCa = true,
        ProofExpires = DateTimeOffset.UtcNow.AddMinutes(30),
        Challenges = [read.Challenges[0] with { Status = ChallengeStatus.Valid, Validated = DateTimeOffset.UtcNow }],
    };

    private static SingleUseValue Jti() => new("atc-jti:test-signer", Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public async Task Spending_writes_the_authorization_and_the_value_together_and_a_second_spend_writes_nothing()
    {
        Authorization first = await PendingAsync();
        Authorization second = await PendingAsync();
        SingleUseValue jti = Jti();

        Assert.Equal(ReplaceOutcome.Replaced, await Authorizations.TryReplaceSpendingAsync(Valid(first), first, jti, CancellationToken.None));
        Authorization stored = (await Authorizations.GetAsync(first.Id, CancellationToken.None))!;
        Assert.Equal(AuthorizationStatus.Valid, stored.Status);
        Assert.Equal(first.Revision + 1, stored.Revision);
        Assert.True(stored.GrantedCa);

        Assert.Equal(ReplaceOutcome.AlreadyUsed, await Authorizations.TryReplaceSpendingAsync(Valid(second), second, jti, CancellationToken.None));
        Authorization untouched = (await Authorizations.GetAsync(second.Id, CancellationToken.None))!;
        Assert.Equal(AuthorizationStatus.Pending, untouched.Status);
        Assert.Equal(second.Revision, untouched.Revision);
    }

    [Fact]
    public async Task A_lost_compare_and_set_leaves_the_value_unspent()
    {
        Authorization read = await PendingAsync();
        Assert.True(await Authorizations.TryReplaceAsync(read with { Challenges = [read.Challenges[0] with { Secret = new ChallengeSecret("step") }] }, read, CancellationToken.None));
        SingleUseValue jti = Jti();

        // Written against the revision read before the step above: the authorization changed, so nothing is spent.
        Assert.Equal(ReplaceOutcome.Changed, await Authorizations.TryReplaceSpendingAsync(Valid(read), read, jti, CancellationToken.None));
        Assert.Equal(AuthorizationStatus.Pending, (await Authorizations.GetAsync(read.Id, CancellationToken.None))!.Status);

        Authorization current = (await Authorizations.GetAsync(read.Id, CancellationToken.None))!;
        Assert.Equal(ReplaceOutcome.Replaced, await Authorizations.TryReplaceSpendingAsync(Valid(current), current, jti, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_spends_of_one_value_validate_exactly_one_authorization()
    {
        Authorization[] pending = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PendingAsync()));
        SingleUseValue jti = Jti();

        ReplaceOutcome[] outcomes = await Task.WhenAll(pending.Select(a =>
            Task.Run(() => Authorizations.TryReplaceSpendingAsync(Valid(a), a, jti, CancellationToken.None))));

        Assert.Equal(1, outcomes.Count(o => o == ReplaceOutcome.Replaced));
        Assert.Equal(pending.Length - 1, outcomes.Count(o => o == ReplaceOutcome.AlreadyUsed));
        IReadOnlyList<Authorization> stored = await Authorizations.GetManyAsync(pending.Select(a => a.Id).ToList(), CancellationToken.None);
        Assert.Equal(1, stored.Count(a => a.Status == AuthorizationStatus.Valid));
    }

    [Fact]
    public async Task A_value_recorded_by_the_replay_store_counts_as_spent()
    {
        Authorization read = await PendingAsync();
        SingleUseValue jti = Jti();
        Assert.True(await new EfReplayStore(_db).TryRecordAsync(jti.Scope, jti.Value, jti.KeepUntil, CancellationToken.None));

        Assert.Equal(ReplaceOutcome.AlreadyUsed, await Authorizations.TryReplaceSpendingAsync(Valid(read), read, jti, CancellationToken.None));
        Assert.False(await new EfReplayStore(_db).TryRecordAsync(jti.Scope, jti.Value, jti.KeepUntil, CancellationToken.None));
    }

    [Fact]
    public async Task An_order_is_read_with_its_authorizations_in_its_own_order_in_one_statement()
    {
        Authorization reused = await PendingAsync();
        Authorization created = NewAuthorization();
        Order order = NewOrder(reused.AccountId, [created.Id, "no-such-authorization", reused.Id]);
        await Orders.CreateAsync(order, [created], CancellationToken.None);

        OrderWithAuthorizations read = (await Orders.GetWithAuthorizationsAsync(order.Id, CancellationToken.None))!;

        Assert.Equal(order.Id, read.Order.Id);
        Assert.Equal(order.AuthorizationIds, read.Order.AuthorizationIds);
        Assert.Equal([created.Id, reused.Id], read.Authorizations.Select(a => a.Id));
        Assert.Equal(created.Challenges[0].Token, read.Authorizations[0].Challenges[0].Token);
        Assert.Null(await Orders.GetWithAuthorizationsAsync("no-such-order", CancellationToken.None));
    }

    [Fact]
    public async Task An_order_without_authorization_ids_is_read_alone()
    {
        Order order = NewOrder("acct-none", []);
        await Orders.CreateAsync(order, [], CancellationToken.None);

        OrderWithAuthorizations read = (await Orders.GetWithAuthorizationsAsync(order.Id, CancellationToken.None))!;

        Assert.Equal(order.Id, read.Order.Id);
        Assert.Empty(read.Authorizations);
    }

    [Fact]
    public async Task The_intent_claims_the_order_and_a_later_claim_records_nothing()
    {
        Order order = NewOrder("acct-claim", []);
        await Orders.CreateAsync(order, [], CancellationToken.None);

        await Journal(order).RecordIntentAsync(Serial(), "tn-shortlived", new byte[] { 0x30, 0x00 }, CancellationToken.None);
        Assert.Equal(OrderStatus.Processing, (await Orders.GetAsync(order.Id, CancellationToken.None))!.Status);

        await Assert.ThrowsAsync<OrderNotClaimedException>(() =>
            Journal(order).RecordIntentAsync(Serial(), "tn-shortlived", new byte[] { 0x30, 0x00 }, CancellationToken.None));
        Assert.Equal(1L, await IntentsAsync(order.Id));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_order_record_exactly_one_intent()
    {
        Order order = NewOrder("acct-race", []);
        await Orders.CreateAsync(order, [], CancellationToken.None);

        Task[] claims = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => Journal(order).RecordIntentAsync(Serial(), "tn-shortlived", new byte[] { 0x30, 0x00 }, CancellationToken.None)))
            .ToArray();
        try
        {
            await Task.WhenAll(claims);
        }
        catch (OrderNotClaimedException)
        {
        }

        Assert.Equal(1, claims.Count(t => t.IsCompletedSuccessfully));
        Assert.All(claims.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<OrderNotClaimedException>(t.Exception!.InnerException));
        Assert.Equal(1L, await IntentsAsync(order.Id));
        Assert.Equal(OrderStatus.Processing, (await Orders.GetAsync(order.Id, CancellationToken.None))!.Status);
    }

    private DbIssuanceJournal Journal(Order read) =>
        new(_db, read.AccountId, read.Id, read.Status, chainAboveLeafPem: "", issuer: "CN=Test", provedBy: ["tkauth-01"]);

    private static string Serial() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private async Task<long> IntentsAsync(string orderId)
    {
        await using SqlSession session = await _db.Sql.LeaseAsync(CancellationToken.None);
        return Convert.ToInt64(await session.Command("""SELECT COUNT(*) FROM "certificates" WHERE "OrderId" = @p0""", orderId).ExecuteScalarAsync(),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Reuse_finds_the_valid_authorization_that_lasts_longest_and_nothing_else()
    {
        Authorization pending = await PendingAsync();
        string account = pending.AccountId;
        AcmeIdentifier identifier = pending.Identifier;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Assert.Null(await Authorizations.FindReusableAsync(account, identifier, now, CancellationToken.None));

        async Task<Authorization> ValidAsync(TimeSpan lifetime)
        {
            Authorization read = NewAuthorization() with { AccountId = account };
            await Authorizations.CreateAsync(read, CancellationToken.None);
            Authorization valid = Valid(read) with { Expires = now + lifetime };
            Assert.True(await Authorizations.TryReplaceAsync(valid, read, CancellationToken.None));
            return valid;
        }

        Authorization shorter = await ValidAsync(TimeSpan.FromMinutes(30));
        Authorization longer = await ValidAsync(TimeSpan.FromHours(2));
        await ValidAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(longer.Id, (await Authorizations.FindReusableAsync(account, identifier, now.AddMinutes(1), CancellationToken.None))?.Id);
        Assert.True(await Authorizations.TryUpdateAsync(longer with { Status = AuthorizationStatus.Deactivated }, AuthorizationStatus.Valid, CancellationToken.None));
        Assert.Equal(shorter.Id, (await Authorizations.FindReusableAsync(account, identifier, now.AddMinutes(1), CancellationToken.None))?.Id);
        Assert.Null(await Authorizations.FindReusableAsync(account, identifier, now.AddHours(1), CancellationToken.None));
        Assert.Null(await Authorizations.FindReusableAsync("acct-other", identifier, now, CancellationToken.None));
        Assert.Null(await Authorizations.FindReusableAsync(account, new AcmeIdentifier("TNAuthList", "MAigBhYENTY3OA"), now, CancellationToken.None));
    }
}
