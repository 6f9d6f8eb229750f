using TnAcme.Acme.Jose;
using TnAcme.Stir;

namespace TnAcme.Acme.Tests.Jose;

public class NonceServiceTests
{
    [Fact]
    public void A_nonce_is_base64url_and_accepted_once()
    {
        using var service = new NonceService();
        var nonce = service.Issue();
        Assert.Equal(32, nonce.Length);
        Assert.True(Base64Url.TryDecode(nonce, out _));
        Assert.True(service.TryConsume(nonce));
        Assert.False(service.TryConsume(nonce));
    }

    [Fact]
    public void Nonces_are_distinct_and_each_is_accepted_in_any_order()
    {
        using var service = new NonceService();
        var nonces = Enumerable.Range(0, 1000).Select(_ => service.Issue()).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
        foreach (var nonce in Enumerable.Reverse(nonces))
        {
            Assert.True(service.TryConsume(nonce));
        }

        Assert.All(nonces, n => Assert.False(service.TryConsume(n)));
    }

    [Fact]
    public void Forged_nonces_are_refused()
    {
        using var service = new NonceService();
        var nonce = service.Issue();
        var raw = Base64Url.Decode(nonce);

        var changedTag = (byte[])raw.Clone();
        changedTag[^1] ^= 1;
        Assert.False(service.TryConsume(Base64Url.Encode(changedTag)));

        // A counter that was issued, with the tag of another counter.
        var other = Base64Url.Decode(service.Issue());
        var swapped = raw[..8].Concat(other[8..]).ToArray();
        Assert.False(service.TryConsume(Base64Url.Encode(swapped)));

        Assert.False(service.TryConsume(Base64Url.Encode(new byte[24])));
        Assert.False(service.TryConsume(Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
        Assert.True(service.TryConsume(nonce));
    }

    [Fact]
    public void Nonces_of_another_instance_are_refused()
    {
        using var a = new NonceService();
        using var b = new NonceService();
        var fromA = a.Issue();
        b.Issue();
        Assert.False(b.TryConsume(fromA));
        Assert.True(a.TryConsume(fromA));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a nonce")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé")]
    public void Text_that_is_not_a_nonce_is_refused_without_an_exception(string? text)
    {
        using var service = new NonceService();
        service.Issue();
        Assert.False(service.TryConsume(text));
    }

    [Fact]
    public void A_padded_or_standard_alphabet_spelling_of_a_valid_nonce_is_refused()
    {
        using var service = new NonceService();
        string nonce;
        do
        {
            nonce = service.Issue();
        }
        while (!nonce.Contains('-', StringComparison.Ordinal) && !nonce.Contains('_', StringComparison.Ordinal));

        Assert.False(service.TryConsume(nonce.Replace('-', '+').Replace('_', '/')));
        Assert.False(service.TryConsume(nonce + "="));
        Assert.True(service.TryConsume(nonce));
    }

    [Fact]
    public void Only_the_last_window_of_issued_nonces_is_accepted()
    {
        using var service = new NonceService(windowSize: 1024);
        var first = service.Issue();
        var second = service.Issue();
        for (int i = 0; i < 1022; i++)
        {
            service.Issue();
        }

        // 1024 issued: both still in the window.
        Assert.True(service.TryConsume(first));
        service.Issue();

        // 1025 issued: the first has left the window (and its slot now belongs to the newest nonce).
        Assert.False(service.TryConsume(first));
        service.Issue();
        Assert.False(service.TryConsume(second));
    }

    [Fact]
    public void A_recycled_slot_does_not_resurrect_a_consumed_nonce_or_block_the_new_one()
    {
        using var service = new NonceService(windowSize: 1024);
        var old = service.Issue();
        Assert.True(service.TryConsume(old));
        string reuser = old;
        for (int i = 0; i < 1024; i++)
        {
            reuser = service.Issue();
        }

        Assert.False(service.TryConsume(old));
        Assert.True(service.TryConsume(reuser));
        Assert.False(service.TryConsume(reuser));
    }

    [Fact]
    public void The_window_must_be_a_power_of_two_in_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonceService(1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonceService(512));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonceService(-1024));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NonceService(int.MaxValue));
        using var service = new NonceService();
        Assert.Equal(NonceService.DefaultWindowSize, service.WindowSize);
    }

    [Fact]
    public void Many_threads_consuming_the_same_nonce_exactly_one_wins()
    {
        using var service = new NonceService();
        const int Threads = 8;
        for (int round = 0; round < 300; round++)
        {
            var nonce = service.Issue();
            int wins = 0;
            using var barrier = new Barrier(Threads);
            var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
            {
                barrier.SignalAndWait();
                if (service.TryConsume(nonce))
                {
                    Interlocked.Increment(ref wins);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(1, wins);
        }
    }

    [Fact]
    public async Task Concurrent_consumers_accept_each_nonce_exactly_once_while_others_issue()
    {
        using var service = new NonceService(windowSize: 1 << 16);
        var nonces = Enumerable.Range(0, 40_000).Select(_ => service.Issue()).ToArray();
        var wins = new int[nonces.Length];
        const int Consumers = 4;
        using var issuing = new CancellationTokenSource();
        var issuer = Task.Run(() =>
        {
            // Stays well inside the window, so every pre-issued nonce remains acceptable.
            for (int i = 0; i < 20_000 && !issuing.IsCancellationRequested; i++)
            {
                service.Issue();
            }
        });
        Parallel.For(0, Consumers, new ParallelOptions { MaxDegreeOfParallelism = Consumers }, worker =>
        {
            for (int i = 0; i < nonces.Length; i++)
            {
                int k = (i + (worker * nonces.Length / Consumers)) % nonces.Length;
                if (service.TryConsume(nonces[k]))
                {
                    Interlocked.Increment(ref wins[k]);
                }
            }
        });
        issuing.Cancel();
        await issuer;
        Assert.All(wins, w => Assert.Equal(1, w));
    }

    [Fact]
    public void Racing_the_window_edge_never_accepts_a_nonce_twice()
    {
        using var service = new NonceService(windowSize: 1024);
        var accepted = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var recent = new string[64];
        for (int i = 0; i < recent.Length; i++)
        {
            recent[i] = service.Issue();
        }

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 50_000; i++)
            {
                if (random.Next(4) == 0)
                {
                    Volatile.Write(ref recent[random.Next(recent.Length)], service.Issue());
                }

                var candidate = Volatile.Read(ref recent[random.Next(recent.Length)]);
                if (service.TryConsume(candidate))
                {
                    accepted.AddOrUpdate(candidate, 1, (_, n) => n + 1);
                }
            }
        });

        Assert.NotEmpty(accepted);
        Assert.All(accepted.Values, n => Assert.Equal(1, n));
    }
}
