using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Prepares the store at start (migrations) and, on a store with no process yet, deploys the samples
/// from docs/samples/ so a first run has something to click.
/// </summary>
public sealed class SampleDeployer(ProcessEngine engine, MarkdownDocs docs, IConfiguration configuration, ILogger<SampleDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.Store.InitializeAsync(cancellationToken);
        if (!configuration.GetValue("Samples:Deploy", true))
        {
            return;
        }

        var existing = await engine.Store.QueryLatestDefinitionsAsync(new PageRequest(1), cancellationToken);
        if (existing.Total > 0)
        {
            return;
        }

        foreach (var name in docs.Names("docs/samples/").Where(n => n.EndsWith(".bpmn", StringComparison.Ordinal)).Order())
        {
            try
            {
                var record = await engine.DeployAsync(docs.Read(name)!, null, null, null, cancellationToken);
                logger.LogInformation("Deployed sample {Name} as process {Key} v{Version}", name, record.Key, record.Version);
            }
            catch (Engine.Errors.EngineException ex)
            {
                logger.LogWarning("Sample {Name} was not deployed: {Message}", name, ex.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
