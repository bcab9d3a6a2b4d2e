using HypermediaBpm.Engine;
using HypermediaBpm.Storage.Postgres;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Passes the PostgreSQL store's job notifications (jobs created on any node) to this node's engine, so its
/// long-polling lock requests wake at once. Nothing to do on SQLite, where one process polls its own file.
/// </summary>
public sealed class JobAnnouncementService(ProcessEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (engine.Store is PostgresEngineStore store)
        {
            store.JobsAvailable += engine.AnnounceJobs;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (engine.Store is PostgresEngineStore store)
        {
            store.JobsAvailable -= engine.AnnounceJobs;
        }

        return Task.CompletedTask;
    }
}
