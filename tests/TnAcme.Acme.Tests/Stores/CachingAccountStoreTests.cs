using TnAcme.Acme.Stores;

namespace TnAcme.Acme.Tests.Stores;

public sealed class CachingAccountStoreTests
{
    private sealed class CountingStore : IAccountStore
    {
        public int Reads { get; private set; }

        public Account Current { get; set; } = new() { Id = "a1", KeyJwk = "{}", KeyThumbprint = "t1" };

        public Task<Account?> GetAsync(string id, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<Account?>(id == Current.Id ? Current : null);
        }

        public Task<Account?> FindByThumbprintAsync(string keyThumbprint, CancellationToken cancellationToken) => Task.FromResult<Account?>(null);

        public Task<AccountCreation> CreateAsync(Account account, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(Account account, CancellationToken cancellationToken)
        {
            Current = account;
            return Task.CompletedTask;
        }

        public Task<KeyChangeResult> ChangeKeyAsync(string accountId, string newKeyJwk, string newKeyThumbprint, CancellationToken cancellationToken)
        {
            Current = Current with { KeyJwk = newKeyJwk, KeyThumbprint = newKeyThumbprint };
            return Task.FromResult(new KeyChangeResult(true, null));
        }
    }

    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public async Task Reads_within_the_ttl_come_from_memory_and_expire_after_it()
    {
        var inner = new CountingStore();
        var time = new ManualTime();
        var cache = new CachingAccountStore(inner, TimeSpan.FromSeconds(2), time);
        Assert.NotNull(await cache.GetAsync("a1", default));
        Assert.NotNull(await cache.GetAsync("a1", default));
        Assert.Equal(1, inner.Reads);

        time.Ticks += TimeSpan.FromSeconds(3).Ticks;
        Assert.NotNull(await cache.GetAsync("a1", default));
        Assert.Equal(2, inner.Reads);
        Assert.Null(await cache.GetAsync("nobody", default));
    }

    [Fact]
    public async Task Deactivation_and_key_change_through_the_cache_are_seen_at_once()
    {
        var inner = new CountingStore();
        var cache = new CachingAccountStore(inner, TimeSpan.FromHours(1), new ManualTime());
        Account account = (await cache.GetAsync("a1", default))!;
        await cache.UpdateAsync(account with { Status = AccountStatus.Deactivated }, default);
        Assert.Equal(AccountStatus.Deactivated, (await cache.GetAsync("a1", default))!.Status);

        await cache.ChangeKeyAsync("a1", "{\"new\":1}", "t2", default);
        Assert.Equal("t2", (await cache.GetAsync("a1", default))!.KeyThumbprint);
    }
}
