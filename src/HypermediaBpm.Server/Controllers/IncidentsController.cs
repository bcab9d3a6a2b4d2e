using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// Incidents: every failure that waits for a person, across instances (<c>/incidents</c>, page by page of failed
/// instances) and per instance, each with <c>retry</c> (replay the failed step, optionally after setting variables)
/// and <c>resolve</c> (give up on the step and go on).
/// </summary>
public sealed class IncidentsController(ProcessEngine engine) : HypermediaController
{
    [HttpGet("/incidents")]
    [HttpGet("/incidents.{format}")]
    public async Task<Resource> ListAsync([FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var failed = await engine.Store.QueryInstancesAsync(new InstanceQuery(token.ToRequest(size), InstanceStates.Failed, VisibleTo: Rights.Viewer), cancellationToken);
        var r = CollectionResources.Page(ResourceKinds.IncidentCollection, Uris.Incidents, [("pageSize", pageSize?.ToString())], size, token,
            failed, InstanceResources.Summary, "Incidents");

        // The page is one of failed instances; each of their open incidents is embedded, with its templates.
        foreach (var summary in failed.Items)
        {
            var instance = await engine.GetInstanceAsync(summary.Id, cancellationToken);
            var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
            foreach (var incident in instance.Incidents)
            {
                r.Embed(Rels.Incidents, IncidentResources.Incident(instance, incident, process, Rights));
            }
        }

        r.Links.Add(new Link(Rels.Up, Uris.Root));

        // Heuristic try-confirm/cancel outcomes need a person too; they are transactions, not instance incidents.
        if (Rights.MaySendEvents)
        {
            r.Links.Add(new Link(Rels.Transactions, Uris.WithQuery(Uris.Transactions, ("state", TransactionStates.Heuristic)), "Heuristic transactions"));
        }

        FeedResources.LinkFeed(r, Uris.IncidentsFeed, "Incidents feed (Atom)");
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    [HttpGet("/instances/{id}/incidents")]
    [HttpGet("/instances/{id}/incidents.{format}")]
    public async Task<Resource> InstanceIncidentsAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
        var r = new Resource(ResourceKinds.IncidentCollection, Uris.InstanceIncidents(id)) { Title = "Incidents of " + InstanceResources.ShortId(id) };
        r.Properties["total"] = instance.Incidents.Count;
        foreach (var incident in instance.Incidents)
        {
            var item = IncidentResources.Incident(instance, incident, process, Rights);
            r.Links.Add(new Link(Rels.Item, item.SelfHref, item.Title));
            r.Embed(Rels.Item, item);
        }

        r.Links.Add(new Link(Rels.Up, Uris.Instance(id)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(id)));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    [HttpGet("/instances/{id}/incidents/{incidentId}")]
    [HttpGet("/instances/{id}/incidents/{incidentId}.{format}")]
    public async Task<Resource> GetAsync(string id, string incidentId, CancellationToken cancellationToken)
    {
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var incident = instance.Incidents.Find(i => i.Id == incidentId)
            ?? throw new Engine.Errors.NotFoundException("INCIDENT_NOT_FOUND", $"Instance '{id}' has no open incident '{incidentId}'.",
                new Dictionary<string, object?> { ["instanceId"] = id, ["incidentId"] = incidentId });
        return IncidentResources.Incident(instance, incident, await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken), Rights);
    }

    /// <summary>The <c>retry</c> template: variables sent (if any) are set first, then the failed step runs again; answers with the instance.</summary>
    [HttpPost("/instances/{id}/incidents/{incidentId}/retry")]
    public Task<IActionResult> RetryAsync(string id, string incidentId, CancellationToken cancellationToken) =>
        WorkOnAsync("retry", id, incidentId, engine.RetryIncidentAsync, cancellationToken);

    /// <summary>The <c>resolve</c> template: the failed step is given up and the instance goes on; answers with the instance.</summary>
    [HttpPost("/instances/{id}/incidents/{incidentId}/resolve")]
    public Task<IActionResult> ResolveAsync(string id, string incidentId, CancellationToken cancellationToken) =>
        WorkOnAsync("resolve", id, incidentId, engine.ResolveIncidentAsync, cancellationToken);

    private async Task<IActionResult> WorkOnAsync(
        string template, string id, string incidentId,
        Func<string, string, IReadOnlyDictionary<string, object?>, Engine.Commands.CommandContext, CancellationToken, Task<Engine.Commands.CommandOutcome>> command,
        CancellationToken cancellationToken)
    {
        RememberForm(template, ct => GetAsync(id, incidentId, ct));
        if (!Rights.MayOperate)
        {
            _ = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
            Rights.Demand(false, Identity.Permissions.Operators, "retry or resolve incidents");
        }

        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var variables = values.Variables;
        if (values.FromHtmlForm && template == "retry")
        {
            // A page's retry form sends every variable back as text: read each as the type it has now.
            variables = VariableFormValues.Typed(variables, (await engine.GetInstanceAsync(id, cancellationToken)).Variables);
        }

        var outcome = await command(id, incidentId, variables, context, cancellationToken);
        return ChangedResource(await InstancesController.InstanceAsync(engine, outcome, Rights, cancellationToken));
    }
}
