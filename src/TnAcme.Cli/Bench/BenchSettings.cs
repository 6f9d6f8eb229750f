namespace TnAcme.Cli.Bench;

/// <summary>What `tnacme bench` was asked to do.</summary>
internal sealed record BenchSettings
{
    public int Concurrency { get; init; } = 32;

    /// <summary>Measured issuances; null: until <see cref="Duration"/> runs out.</summary>
    public long? Count { get; init; } = 5000;

    public TimeSpan? Duration { get; init; }

    public int Warmup { get; init; } = 10000;

    /// <summary>The ACME profile to ask for in newOrder (null: the server's choice, tn-shortlived for numbers).</summary>
    public string? Profile { get; init; }

    public bool Http2 { get; init; } = true;

    /// <summary>Certificate keys generated up front and used in turn; 0: a fresh P-256 key for every issuance.</summary>
    public int KeyPool { get; init; } = 64;

    /// <summary>The run stops once this many issuances failed.</summary>
    public int MaxFailures { get; init; } = 50;

    /// <summary>Keep the temporary folder (server data, logs) instead of deleting it.</summary>
    public bool KeepData { get; init; }

    /// <summary>Passed on to the child server (--config-dir).</summary>
    public string? ConfigDirectory { get; init; }

    // Against a server that is already running (all optional; without DirectoryUrl the run is self-contained).
    public string? DirectoryUrl { get; init; }

    public string? CaBundle { get; init; }

    public string? EabKid { get; init; }

    public byte[]? EabHmac { get; init; }

    /// <summary>The running server's data folder, to create one EAB key per worker in it.</summary>
    public string? ServerDataDirectory { get; init; }

    public string? TokenAuthorityCertificate { get; init; }

    public string? TokenAuthorityKey { get; init; }

    /// <summary>The running server's process id, for its CPU time (Linux /proc).</summary>
    public int? ServerPid { get; init; }

    public bool SelfContained => DirectoryUrl is null;
}
