using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests.AuthorityToken;

public sealed class InMemoryJtiReplayStoreTests
{
    [Fact]
    public async Task A_jti_is_recorded_once_per_issuer_key_until_it_expires()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var store = new InMemoryJtiReplayStore(time);
        DateTimeOffset expires = time.Now.AddMinutes(5);

        Assert.True(await store.TryRecordAsync("issuer-1", "jti-1", expires, CancellationToken.None));
        Assert.False(await store.TryRecordAsync("issuer-1", "jti-1", expires, CancellationToken.None));
        Assert.True(await store.TryRecordAsync("issuer-2", "jti-1", expires, CancellationToken.None));

        time.Now = expires.AddSeconds(1);
        Assert.True(await store.TryRecordAsync("issuer-1", "jti-1", time.Now.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Expired_entries_are_swept()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var store = new InMemoryJtiReplayStore(time);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(await store.TryRecordAsync("issuer", $"jti-{i}", time.Now.AddSeconds(30), CancellationToken.None));
        }

        Assert.Equal(100, store.Count);
        time.Now += InMemoryJtiReplayStore.SweepInterval + TimeSpan.FromSeconds(1);
        Assert.True(await store.TryRecordAsync("issuer", "fresh", time.Now.AddMinutes(5), CancellationToken.None));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Concurrent_attempts_record_a_jti_exactly_once()
    {
        var store = new InMemoryJtiReplayStore();
        DateTimeOffset expires = DateTimeOffset.UtcNow.AddMinutes(5);
        bool[] results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.TryRecordAsync("i", "same", expires, CancellationToken.None))));
        Assert.Single(results, r => r);
    }
}
