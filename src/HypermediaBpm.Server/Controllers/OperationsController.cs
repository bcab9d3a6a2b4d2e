using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// The operations view, for operators and administrators: per process the instance counts, the heatmap of its
/// diagram (what waits where, what failed where, where the time goes), its failed instances; and the page that asks
/// to confirm giving up on a failed step.
/// </summary>
[Requires(Right.Operate)]
public sealed class OperationsController(ProcessEngine engine) : HypermediaController
{
    /// <summary>How many failed instances a process's operations page lists; the instance list has the rest.</summary>
    private const int FailedShown = 20;

    [HttpGet("/operations")]
    [HttpGet("/operations.{format}")]
    public async Task<Resource> OverviewAsync(CancellationToken cancellationToken)
    {
        var r = await OperationsResources.OverviewAsync(engine, cancellationToken);
        r.Links.Add(new Link(Rels.Batches, Uris.Batches, "Batch operations"));
        r.Templates.Add(BatchResources.BatchTemplate(HttpContext.RequestServices.GetRequiredService<Engine.Batches.BatchOperations>()));
        return r;
    }

    [HttpGet("/operations/{key}")]
    [HttpGet("/operations/{key}.{format}")]
    public async Task<Resource> ProcessAsync(string key, CancellationToken cancellationToken)
    {
        var deployed = await engine.GetDeployedAsync((await engine.GetLatestDefinitionAsync(key, cancellationToken)).Id, cancellationToken);
        var statistics = await engine.Store.QueryActivityStatisticsAsync(new ActivityStatisticsQuery(key), cancellationToken);
        var failed = await engine.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(FailedShown), InstanceStates.Failed, key), cancellationToken);
        return OperationsResources.Process(deployed, statistics, failed.Items);
    }

    [HttpGet("/operations/{key}/diagram")]
    [HttpGet("/operations/{key}/diagram.{format}")]
    public async Task<Resource> HeatmapAsync(string key, CancellationToken cancellationToken)
    {
        var deployed = await engine.GetDeployedAsync((await engine.GetLatestDefinitionAsync(key, cancellationToken)).Id, cancellationToken);
        return OperationsResources.Heatmap(deployed, await engine.Store.QueryActivityStatisticsAsync(new ActivityStatisticsQuery(key), cancellationToken));
    }

    /// <summary>
    /// "Give up" asks first: a page that says what giving up means and carries the incident's <c>resolve</c> form, so
    /// that one click on the incident page never abandons a step (no script needed for the confirmation).
    /// </summary>
    [HttpGet("/instances/{id}/incidents/{incidentId}/give-up")]
    public async Task<Resource> GiveUpAsync(string id, string incidentId, CancellationToken cancellationToken)
    {
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var incident = instance.Incidents.Find(i => i.Id == incidentId)
            ?? throw new Engine.Errors.NotFoundException("INCIDENT_NOT_FOUND", $"Instance '{id}' has no open incident '{incidentId}'.",
                new Dictionary<string, object?> { ["instanceId"] = id, ["incidentId"] = incidentId });
        var item = IncidentResources.Incident(instance, incident, await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken), Rights);
        var r = new Resource(ResourceKinds.GiveUp, Uris.IncidentGiveUp(id, incidentId)) { Title = "Give up on '" + item.Properties["activityName"] + "'?" };
        foreach (var name in new[] { "code", "message", "activityName", "instanceId", "processKey" })
        {
            r.Properties[name] = item.Properties[name];
        }

        r.Links.Add(new Link(Rels.Up, item.SelfHref, "Back to the incident"));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(id)));
        r.Templates.AddRange(item.Templates.Where(t => t.Name == "resolve"));
        return r;
    }
}
