using System.Globalization;

namespace TnAcme.Client.Transport;

/// <summary>
/// Waits for a resource to leave pending/processing (RFC 8555 §7.4, §7.5.1, §8.2): each wait is what the server's
/// Retry-After asks (seconds or an HTTP date), else a short back-off; bounded per wait and in total.
/// </summary>
internal sealed class Poller
{
    private static readonly TimeSpan FirstGuess = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestGuess = TimeSpan.FromSeconds(8);

    private readonly AcmeClientOptions _options;

    public Poller(AcmeClientOptions options) => _options = options;

    /// <summary>
    /// Fetches again with <paramref name="refetch"/> until <paramref name="done"/> holds, starting from
    /// <paramref name="last"/> (whose Retry-After governs the first wait).
    /// </summary>
    /// <exception cref="TimeoutException">The resource is still not done after <see cref="AcmeClientOptions.PollingTimeout"/>.</exception>
    public async Task<AcmeReply> UntilAsync(AcmeReply last, Func<AcmeReply, bool> done, Func<CancellationToken, Task<AcmeReply>> refetch, string what, CancellationToken ct)
    {
        TimeProvider clock = _options.TimeProvider;
        DateTimeOffset deadline = clock.GetUtcNow() + _options.PollingTimeout;
        TimeSpan guess = FirstGuess;
        AcmeReply reply = last;
        while (!done(reply))
        {
            TimeSpan? asked = RetryAfter(reply, clock.GetUtcNow());
            TimeSpan wait = asked ?? guess;
            if (wait > _options.MaxRetryAfter)
            {
                wait = _options.MaxRetryAfter;
            }

            if (clock.GetUtcNow() + wait > deadline)
            {
                throw new TimeoutException($"{what}: still not done after {_options.PollingTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s; try again later");
            }

            _options.Progress?.Report(asked is null
                ? $"{what}: waiting {Seconds(wait)} s"
                : $"{what}: waiting {Seconds(wait)} s as the server's Retry-After asks");
            await Task.Delay(wait, clock, ct);
            reply = await refetch(ct);
            guess = guess * 2 > LongestGuess ? LongestGuess : guess * 2;
        }

        return reply;
    }

    /// <summary>The wait a Retry-After header asks for (never negative), or null without one.</summary>
    public static TimeSpan? RetryAfter(AcmeReply reply, DateTimeOffset now)
    {
        if (reply.RetryAfter is not { } header)
        {
            return null;
        }

        TimeSpan? wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
