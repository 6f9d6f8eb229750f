using FluentValidation;

namespace TnAcme.Server;

/// <summary>How `tnacme serve` runs (configuration section "Server"; env TNACME__SERVER__*; command-line switches).</summary>
public sealed record ServerOptions
{
    public required string DataDirectory { get; init; }

    public required string ConfigDirectory { get; init; }

    /// <summary>Where Kestrel listens, e.g. https://127.0.0.1:8443.</summary>
    public string Listen { get; init; } = "https://127.0.0.1:8443";

    /// <summary>The base URL clients see (behind a proxy it differs from <see cref="Listen"/>); default: Listen.</summary>
    public string? ExternalBaseUrl { get; init; }

    /// <summary>PEM files of token-authority trust anchors (repeatable --trust-token-authority).</summary>
    public IReadOnlyList<string> TrustedTokenAuthorities { get; init; } = [];

    /// <summary>host:port pairs exempt from the x5u SSRF guard (--allow-x5u-host).</summary>
    public IReadOnlyList<string> AllowedX5uHosts { get; init; } = [];

    /// <summary>PEM files of roots trusted for the TLS of x5u hosts, beyond the system store.</summary>
    public IReadOnlyList<string> X5uTlsRoots { get; init; } = [];

    public Acme.AcmeOptions Acme { get; init; } = new();

    public ChallengeOptions Challenges { get; init; } = new();

    /// <summary>The storage backend (default: SQLite in the data folder).</summary>
    public Storage.DatabaseOptions Database { get; init; } = new();

    /// <summary>
    /// The issuance log's origin (checkpoint first line and log key name), e.g. "ca.example/tnacme-log". Used only
    /// when the log key is first created; afterwards the key file's name is the origin. Default: host:port/log.
    /// </summary>
    public string? IssuanceLogOrigin { get; init; }

    public string LogOrigin => IssuanceLogOrigin ?? BaseUri.Authority + "/log";

    public Uri BaseUri => new((ExternalBaseUrl ?? Listen).TrimEnd('/') + "/");
}

public sealed class ServerOptionsValidator : AbstractValidator<ServerOptions>
{
    public ServerOptionsValidator()
    {
        RuleFor(o => o.Listen).Must(BeHttpsUrl).WithMessage("Listen must be an https:// URL with a host and port, e.g. https://127.0.0.1:8443");
        RuleFor(o => o.ExternalBaseUrl).Must(u => u is null || BeHttpsUrl(u)).WithMessage("ExternalBaseUrl must be an https:// URL (RFC 8555 §6.1 requires HTTPS)");
        RuleForEach(o => o.TrustedTokenAuthorities).Must(File.Exists).WithMessage(path => $"trusted token authority file not found: {path}");
        RuleForEach(o => o.X5uTlsRoots).Must(File.Exists).WithMessage(path => $"x5u TLS root file not found: {path}");
        RuleForEach(o => o.AllowedX5uHosts).Matches(@"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$").WithMessage("allowed x5u hosts are host:port");
        RuleFor(o => o.Database.Provider).Must(p => DatabaseProviders.Find(p) is not null)
            .WithMessage(o => $"unknown database provider '{o.Database.Provider}'; known: {string.Join(", ", DatabaseProviders.All.Select(p => p.Name))}");
        RuleFor(o => o.Database.ConnectionString).NotEmpty()
            .When(o => !string.Equals(o.Database.Provider, Storage.SqliteDatabaseProvider.ProviderName, StringComparison.OrdinalIgnoreCase))
            .WithMessage("a server database needs Server:Database:ConnectionString (e.g. TNACME__SERVER__DATABASE__CONNECTIONSTRING)");
        RuleFor(o => o.Acme.OrderLifetime).GreaterThan(TimeSpan.Zero);
        RuleFor(o => o.Acme.ValidAuthorizationLifetime).GreaterThan(TimeSpan.Zero);
        RuleFor(o => o.Challenges).Must(c => c.TkAuth.Enabled || c.TnCallback.Enabled).WithMessage("enable at least one challenge type (Challenges.TkAuth or Challenges.TnCallback)");
        RuleFor(o => o.Challenges.TnCallback).Custom((callback, context) =>
        {
            if (!callback.Enabled)
            {
                return;
            }

            foreach (string problem in callback.Problems())
            {
                context.AddFailure(problem);
            }

            if (callback.Delivery == "webhook")
            {
                foreach (string problem in callback.Webhook.Problems(Environment.GetEnvironmentVariable))
                {
                    context.AddFailure(problem);
                }
            }
        });
        RuleForEach(o => o.Acme.IssuanceByChallenge).Must(p => ClaimConstraintsProblem(p.Value) is null)
            .WithMessage((_, p) => $"Acme.IssuanceByChallenge.{p.Key}: {ClaimConstraintsProblem(p.Value)}");
    }

    private static string? ClaimConstraintsProblem(Acme.Policy.ChallengeIssuancePolicy policy)
    {
        try
        {
            policy.ClaimConstraints();
            return null;
        }
        catch (Stir.StirDecodeException e)
        {
            return e.Message;
        }
    }

    private static bool BeHttpsUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? u) && u.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(u.Host);
}
