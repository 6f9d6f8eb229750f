using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TnAcme.Log.Merkle;
using TnAcme.Log.Notes;
using TnAcme.Storage;
using TnAcme.Storage.Transparency;

namespace TnAcme.Server.Audit;

/// <summary>The issuance log as the server runs it: key, tree, integrator loop, and the queries auditors make.</summary>
public sealed class TransparencyLog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private TransparencyLog(NoteKey key, LogIntegrator integrator, IDbContextFactory<TnAcmeDbContext> db)
    {
        Key = key;
        Integrator = integrator;
        Search = new AuditSearch(db);
        Keys = new AuditorKeys(db);
        Access = new AuditAccessLog(db);
    }

    public NoteKey Key { get; }

    public LogIntegrator Integrator { get; }

    public MerkleTree Tree => Integrator.Tree;

    public AuditSearch Search { get; }

    public AuditorKeys Keys { get; }

    public AuditAccessLog Access { get; }

    /// <summary>The size of the latest signed checkpoint: what queries and proofs are answered against.</summary>
    public long CheckpointSize => Math.Max(0, Integrator.LatestCheckpointSize);

    public static async Task<TransparencyLog> StartAsync(IDbContextFactory<TnAcmeDbContext> db, string dataDirectory, string origin, ILogger logger, CancellationToken ct)
    {
        NoteKey key = await LogKeyFile.LoadOrCreateAsync(dataDirectory, origin, ct);
        var integrator = new LogIntegrator(db, key, new MerkleTree());
        await integrator.LoadAsync(ct);
        if (integrator.Fault is { } fault)
        {
            logger.LogCritical("issuance log: {Fault}", fault);
        }

        // Catch up before serving, so the first checkpoint already covers everything committed before a restart.
        while (integrator.Fault is null && await integrator.IntegrateOnceAsync(ct) > 0)
        {
        }

        var log = new TransparencyLog(key, integrator, db);
        log._loop = Task.Run(() => log.RunAsync(logger), CancellationToken.None);
        return log;
    }

    private async Task RunAsync(ILogger logger)
    {
        try
        {
            await Integrator.RunAsync(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "issuance log integrator stopped");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
