using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Client;

/// <summary>How an <see cref="AcmeClient"/> reaches its server and how patiently it waits.</summary>
public sealed record AcmeClientOptions
{
    /// <summary>The RFC 8555 §6.1 User-Agent every request carries unless overridden.</summary>
    public static readonly string DefaultUserAgent = "tnacme-client/" + (typeof(AcmeClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0") + " (.NET)";

    /// <summary>The server's directory URL, e.g. https://acme.example.net/acme/directory.</summary>
    public required Uri DirectoryUrl { get; init; }

    /// <summary>
    /// Roots trusted for the server's TLS in addition to the system store: a development CA or a private PKI.
    /// Ignored when <see cref="HttpHandler"/> is given.
    /// </summary>
    public IReadOnlyList<X509Certificate2> ExtraTrustedRoots { get; init; } = [];

    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Human-readable steps ("creating the order", "waiting 2 s as asked by Retry-After"); null for silence.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>One HTTP request, connection to last byte.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to keep polling a processing order or authorization before giving up with <see cref="TimeoutException"/>.</summary>
    public TimeSpan PollingTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An upper bound on a single wait, so a server's far-off Retry-After fails fast against <see cref="PollingTimeout"/>.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock polling waits on; tests substitute one that does not sleep.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A handler of the caller's (tests, proxies); the client does not dispose it.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
