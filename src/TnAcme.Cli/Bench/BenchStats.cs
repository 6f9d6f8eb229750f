using System.Diagnostics;

namespace TnAcme.Cli.Bench;

/// <summary>The five requests of an issuance.</summary>
internal enum BenchStep
{
    NewOrder,
    Authorization,
    Challenge,
    Finalize,
    Certificate,
}

internal static class BenchSteps
{
    public const string NewOrder = "newOrder";
    public const string Authorization = "authorization";
    public const string Challenge = "challenge";
    public const string Finalize = "finalize";
    public const string Certificate = "certificate";

    public static readonly string[] Names = [NewOrder, Authorization, Challenge, Finalize, Certificate];
}

/// <summary>Request counters shared by every worker (updated with Interlocked).</summary>
internal sealed class BenchCounters
{
#pragma warning disable CA1051 // Interlocked needs fields.
    public long Requests;
    public long NonceRequests;
    public long BadNonceRetries;
#pragma warning restore CA1051
}

/// <summary>Time spent in each request of an issuance (client-observed, TLS and queueing included), summed over a phase.</summary>
internal sealed class BenchStepTimes
{
    private readonly long[] _ticks = new long[BenchSteps.Names.Length];

    public long Start() => Stopwatch.GetTimestamp();

    public long Lap(BenchStep step, long since)
    {
        long now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)step], now - since);
        return now;
    }

    public double TotalMs(BenchStep step) => Volatile.Read(ref _ticks[(int)step]) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>What one phase (warm-up or measured) recorded.</summary>
internal sealed class BenchPhase
{
    private readonly List<double> _latenciesMs = [];
    private readonly Dictionary<string, int> _failuresByStep = new(StringComparer.Ordinal);
    private readonly List<string> _firstFailures = [];
    private int _failures;

    public BenchStepTimes StepTimes { get; } = new();

    public int Failures => Volatile.Read(ref _failures);

    public int Completed
    {
        get
        {
            lock (_latenciesMs)
            {
                return _latenciesMs.Count;
            }
        }
    }

    public void Succeeded(double latencyMs)
    {
        lock (_latenciesMs)
        {
            _latenciesMs.Add(latencyMs);
        }
    }

    public int Failed(string step, string message)
    {
        lock (_failuresByStep)
        {
            _failuresByStep[step] = _failuresByStep.GetValueOrDefault(step) + 1;
            if (_firstFailures.Count < 5)
            {
                _firstFailures.Add(message);
            }
        }

        return Interlocked.Increment(ref _failures);
    }

    public IReadOnlyDictionary<string, int> FailuresByStep()
    {
        lock (_failuresByStep)
        {
            return new Dictionary<string, int>(_failuresByStep, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<string> FirstFailures()
    {
        lock (_failuresByStep)
        {
            return [.. _firstFailures];
        }
    }

    public double[] SortedLatencies()
    {
        double[] copy;
        lock (_latenciesMs)
        {
            copy = [.. _latenciesMs];
        }

        Array.Sort(copy);
        return copy;
    }

    /// <summary>Nearest-rank percentile of sorted values (0 when empty).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
