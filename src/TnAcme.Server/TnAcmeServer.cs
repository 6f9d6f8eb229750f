using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TnAcme.Acme;
using TnAcme.Acme.Handlers;
using TnAcme.Acme.Jose;
using TnAcme.Acme.Protocol;
using TnAcme.Acme.Stores;
using TnAcme.Acme.Validation;
using TnAcme.Issuance;
using TnAcme.Issuance.Acme;
using TnAcme.Issuance.Hierarchy;
using TnAcme.Issuance.Profiles;
using TnAcme.Server.Audit;
using TnAcme.Storage;
using TnAcme.Storage.Stores;

namespace TnAcme.Server;

/// <summary>
/// The ASP.NET Core host: maps HTTP onto <see cref="AcmeService"/>, serves x5u chains and the CRL. Composition
/// of the roles happens here and nowhere else.
/// </summary>
public sealed class TnAcmeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TnAcmeDatabase _database;
    private readonly IssuingAuthority _authority;

    private readonly TransparencyLog _log;

    private TnAcmeServer(WebApplication app, IssuingAuthority authority, AcmeService acme, TnAcmeDatabase database, TransparencyLog log)
    {
        _app = app;
        _database = database;
        _authority = authority;
        Acme = acme;
        _log = log;
    }

    public AcmeService Acme { get; }

    /// <summary>The issuance transparency log (checkpoints, proofs, auditor queries).</summary>
    public TransparencyLog Log => _log;

    /// <summary>The TLS certificate the server presents (dev: signed by the dev root).</summary>
    public X509Certificate2? TlsCertificate { get; private init; }

    public string DirectoryUrl => Acme.Urls.Directory;

    /// <param name="extraTokenAuthorityAnchors">Trust anchors beyond the configured files (the built-in development token authority).</param>
    /// <param name="extraValidators">Challenge types beyond the configured ones (tkauth-01, tn-callback-01).</param>
    /// <param name="mapEndpoints">Maps more endpoints on the same origin (the embedded token authority).</param>
    public static async Task<TnAcmeServer> StartAsync(
        ServerOptions options,
        CertificateAuthorityHierarchy hierarchy,
        IEnumerable<X509Certificate2>? extraTokenAuthorityAnchors = null,
        IEnumerable<IChallengeValidator>? extraValidators = null,
        Action<ILoggingBuilder>? logging = null,
        Action<WebApplication>? mapEndpoints = null,
        CancellationToken cancellationToken = default)
    {
        FluentValidation.Results.ValidationResult check = new ServerOptionsValidator().Validate(options);
        if (!check.IsValid)
        {
            throw new InvalidOperationException("invalid server configuration: " + string.Join("; ", check.Errors.Select(e => e.ErrorMessage)));
        }

        var folder = new CaDataFolder(options.DataDirectory);
        if (!folder.Exists)
        {
            await hierarchy.InitializeAsync(folder, new HierarchySettings(), new SignerSettings(), cancellationToken);
        }

        IssuingAuthority authority = hierarchy.Open(folder);
        ProfileCatalog profiles = ProfileCatalog.LoadDirectory(Path.Combine(options.ConfigDirectory, "profiles"));
        var listen = new Uri(options.Listen);
        X509Certificate2 tls = DevelopmentTls.Ensure(folder, [listen.Host]);

        TnAcmeDatabase db = await DatabaseProviders.OpenAsync(options.Database, options.DataDirectory, cancellationToken);
        try
        {
            db.ClaimExclusiveUse();
            return await StartAsync(options, authority, profiles, listen, tls, db, extraTokenAuthorityAnchors, extraValidators, logging, mapEndpoints, cancellationToken);
        }
        catch
        {
            // Released, so that the same process can start a server on this database again.
            await db.DisposeAsync();
            authority.Dispose();
            throw;
        }
    }

    private static async Task<TnAcmeServer> StartAsync(
        ServerOptions options,
        IssuingAuthority authority,
        ProfileCatalog profiles,
        Uri listen,
        X509Certificate2 tls,
        TnAcmeDatabase db,
        IEnumerable<X509Certificate2>? extraTokenAuthorityAnchors,
        IEnumerable<IChallengeValidator>? extraValidators,
        Action<ILoggingBuilder>? logging,
        Action<WebApplication>? mapEndpoints,
        CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Kestrel's own limit answers with a bare 413; keep it generous and let the protocol refuse with a problem document.
            k.Limits.MaxRequestBodySize = 1 << 20;
            IPAddress address = listen.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(listen.Host);
            k.Listen(address, listen.Port, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(tls);
            });
        });
        builder.Services.AddSingleton(db.Contexts);
        WebApplication app = builder.Build();

        var urls = new AcmeUrls(options.BaseUri);
        var validators = new List<IChallengeValidator>();
        if (options.Challenges.TkAuth.Enabled)
        {
            validators.Add(await TokenAuthorityValidation.CreateAsync(options, extraTokenAuthorityAnchors ?? [], cancellationToken));
        }

        if (options.Challenges.TnCallback.Enabled)
        {
            validators.Add(CallbackValidation.Create(options, new EfRateLimitStore(db.Contexts), TimeProvider.System));
        }

        var ca = new AcmeCertificateAuthority(authority, profiles,
            (order, chain) => new DbIssuanceJournal(db, order.AccountId, order.OrderId, order.ClaimFrom, chain, authority.Certificate.Subject, order.ProvedBy));
        var context = new AcmeContext(
            options.Acme,
            urls,
            new CachingAccountStore(new EfAccountStore(db), TimeSpan.FromSeconds(2)),
            new EfExternalAccountKeyStore(db.Contexts),
            new EfOrderStore(db),
            new EfAuthorizationStore(db),
            new EfCertificateStore(db, authority.Certificate.Subject),
            new ChallengeValidators([.. validators, .. extraValidators ?? []]),
            ca,
            new CsrDecoder(),
            TimeProvider.System);
        var acme = new AcmeService(context, new NonceService());
        var crl = new CrlPublisher(authority, new EfCertificateStore(db, authority.Certificate.Subject));
        Map(app, acme, crl, options.Acme.MaxRequestBytes);
        TransparencyLog log = await TransparencyLog.StartAsync(db.Contexts, options.DataDirectory, options.LogOrigin, app.Logger, cancellationToken);
        LogEndpoints.Map(app, log);
        AuditEndpoints.Map(app, log, new TnAcme.Issuance.Inspection.CertificateInspector(profiles));
        AuditWebPage.Map(app);
        mapEndpoints?.Invoke(app);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await log.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        return new TnAcmeServer(app, authority, acme, db, log) { TlsCertificate = tls };
    }

    private static void Map(WebApplication app, AcmeService acme, CrlPublisher crl, int maxRequestBytes)
    {
        app.MapGet("/acme/directory", (HttpContext http) => HttpResponses.WriteAsync(http, acme, acme.Directory()));
        app.MapMethods("/acme/new-nonce", ["HEAD"], (HttpContext http) => HttpResponses.WriteAsync(http, acme, AcmeResponse.Empty(200)));
        app.MapGet("/acme/new-nonce", (HttpContext http) => HttpResponses.WriteAsync(http, acme, AcmeResponse.Empty(204)));
        app.MapPost("/acme/new-nonce", (HttpContext http) => HttpResponses.WriteAsync(http, acme, AcmeResponse.Empty(200)));
        app.MapPost("/acme/{**rest}", async (HttpContext http) =>
        {
            AcmeResponse response;
            try
            {
                byte[] body = await ReadBodyAsync(http.Request, maxRequestBytes + 1, http.RequestAborted);
                string url = acme.Urls.Base + http.Request.Path + http.Request.QueryString;
                response = await acme.PostAsync(url, http.Request.ContentType, body, http.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug or an outage, never the client's fault: log it (without the request body, which may carry
                // tokens) and still answer with a problem document and a fresh nonce.
                app.Logger.LogError(e, "internal error on POST {Path}", http.Request.Path);
                response = AcmeService.Problem(TnAcme.Acme.Problems.AcmeProblem.ServerInternal("internal error; the request was not processed, retry later"));
            }

            await HttpResponses.WriteAsync(http, acme, response);
        });
        app.MapGet("/acme/{**rest}", (HttpContext http) => HttpResponses.WriteAsync(http, acme, AcmeService.MethodNotAllowed()));
        app.MapGet("/x5u/{serial}.pem", async (HttpContext http, string serial) =>
            await HttpResponses.WriteAsync(http, acme, await acme.X5uAsync(serial, http.RequestAborted), withNonce: false));
        app.MapGet("/crl/issuing-ca.crl", async (HttpContext http) =>
        {
            byte[] der = await crl.CurrentAsync(http.RequestAborted);
            http.Response.ContentType = "application/pkix-crl";
            http.Response.Headers.CacheControl = "public, max-age=60";
            await http.Response.Body.WriteAsync(der, http.RequestAborted);
        });
        app.MapGet("/health", () => Results.Text("ok\n"));
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes: enough for the protocol to see the body is too large.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        byte[] buffer = new byte[Math.Min(limit, request.ContentLength is long n and >= 0 ? (int)Math.Min(n, limit) : 4096)];
        int read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length == limit)
                {
                    break;
                }

                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            int got = await request.Body.ReadAsync(buffer.AsMemory(read), ct);
            if (got == 0)
            {
                break;
            }

            read += got;
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>
    /// Completes when <paramref name="ct"/> is cancelled or the host stops on its own: the generic host takes SIGTERM
    /// itself, so a caller waiting only on its token would never see `docker stop` or `kill`.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _log.DisposeAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        _authority.Dispose();
        TlsCertificate?.Dispose();
    }
}
