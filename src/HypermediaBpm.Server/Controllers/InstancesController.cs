using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Paging;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// Process instances: list, read, suspend, resume, cancel, modify, and their variables, activities and history.
/// Lists hold only the instances the user may see; any other instance is <c>404</c>; the changes are for operators.
/// </summary>
public sealed class InstancesController(ProcessEngine engine) : HypermediaController
{
    [HttpGet("/instances")]
    [HttpGet("/instances.{format}")]
    public async Task<Resource> ListAsync(
        [FromQuery] string? state, [FromQuery] string? process, [FromQuery] string? businessKey, [FromQuery] string? parent, [FromQuery] string? page, [FromQuery] int? pageSize,
        [FromQuery] string? sort, [FromQuery] string? order, CancellationToken cancellationToken)
    {
        if (state is not null && !InstanceStates.All.Contains(state))
        {
            throw new BadRequestException("INVALID_FILTER", $"'{state}' is not an instance state; use one of {string.Join(", ", InstanceStates.All)}.",
                new Dictionary<string, object?> { ["state"] = state });
        }

        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var sorted = ListSorting.Parse(sort, order, ListSort.InstanceFields, token);
        var result = await engine.Store.QueryInstancesAsync(new InstanceQuery(token.ToRequest(size), state, process, businessKey, parent, Rights.Viewer) { Sort = sorted }, cancellationToken);
        (string Name, string? Value)[] filters =
            [("state", state), ("process", process), ("businessKey", businessKey), ("parent", parent), ("pageSize", pageSize?.ToString()), .. ListSorting.Parameters(sorted)];
        var r = CollectionResources.Page(ResourceKinds.InstanceCollection, Uris.Instances, filters, size, token, result, InstanceResources.Summary, "Instances");
        r.Links.Add(new Link(Rels.Up, parent is null ? Uris.Root : Uris.Instance(parent)));
        r.Links.Add(new Link(Rels.Search, Uris.Instances + "{?state,process,businessKey,parent,sort,order,page}", "Filter instances", Templated: true));
        r.Templates.Add(ListSorting.SearchTemplate(Uris.Instances, "Filter instances",
        [
            new TemplateProperty("state", "State", "select", Value: state, Options: InstanceStates.All.Select(s => new TemplateOption(s, s)).ToList()),
            new TemplateProperty("process", "Process", Value: process),
            new TemplateProperty("businessKey", "Business key", Value: businessKey),
            new TemplateProperty("parent", "Parent", Value: parent),
        ], ListSort.InstanceFields, sorted));
        if (Rights.MayOperate)
        {
            // A batch operation over what this list's filter selects, prefilled with it.
            r.Templates.Add(BatchResources.BatchTemplate(HttpContext.RequestServices.GetRequiredService<Engine.Batches.BatchOperations>(), new BatchFilter(process, state, businessKey)));
            r.Links.Add(new Link(Rels.Batches, Uris.Batches, "Batch operations"));
        }

        FeedResources.LinkFeed(r, process is null ? Uris.InstancesFeed : Uris.ProcessFeed(process), "Instances feed (Atom)");
        Variants.AddAlternates(r, "hal", "json");
        r.Related[InstanceRows.Related] = ct => InstanceRows.LoadAsync(engine, result.Items, ct);
        return r;
    }

    [HttpGet("/instances/{id}")]
    [HttpGet("/instances/{id}.{format}")]
    public async Task<Resource> GetAsync(string id, CancellationToken cancellationToken)
    {
        var r = await InstanceAsync(engine, id, Rights, cancellationToken);
        await MigrationController.AddInstanceTemplateAsync(engine, r, Rights, cancellationToken);
        r.Related[Rels.History] = async ct =>
        {
            var latest = await engine.Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(10, FromEnd: true), id), ct);
            var history = new Resource(ResourceKinds.History, Uris.InstanceHistory(id)) { Title = "History" };
            foreach (var e in latest.Items.Reverse())
            {
                history.Embed(Rels.Item, HistoryResources.Entry(e));
            }

            return history;
        };
        r.Related[Rels.Messages] = async ct =>
            EventResources.InstanceMessages(id, r.Properties["state"] as string ?? string.Empty, await engine.GetSubscriptionsAsync(id, ct), Rights.MaySendEvents);
        return r;
    }

    [HttpPost("/instances/{id}/suspend")]
    public Task<IActionResult> SuspendAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "suspend instances", (context, ct) => engine.SuspendAsync(id, context, ct), cancellationToken);

    [HttpPost("/instances/{id}/resume")]
    public Task<IActionResult> ResumeAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "resume instances", (context, ct) => engine.ResumeAsync(id, context, ct), cancellationToken);

    /// <summary>The <c>cancel</c> template: terminates the instance (<c>204</c>).</summary>
    [HttpDelete("/instances/{id}")]
    public async Task<IActionResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await DemandOperatorAsync(id, "cancel instances", cancellationToken);
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        await engine.CancelAsync(id, context, cancellationToken);
        return NoContentOrRedirect(Uris.Instance(id));
    }

    /// <summary>The <c>modify</c> template: cancel activity instances, start before or after activities, set variables.</summary>
    [HttpPost("/instances/{id}/modification")]
    public async Task<IActionResult> ModifyAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("modify", ct => InstanceAsync(engine, id, Rights, ct));
        await DemandOperatorAsync(id, "modify instances", cancellationToken);
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var input = await ModificationInput.ReadAsync(Request, cancellationToken);
        var outcome = await engine.ModifyInstanceAsync(id, input.Instructions, input.Variables, context, cancellationToken);
        return ChangedResource(await InstanceAsync(engine, outcome, Rights, cancellationToken));
    }

    [HttpGet("/instances/{id}/variables")]
    [HttpGet("/instances/{id}/variables.{format}")]
    public async Task<Resource> VariablesAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var r = new Resource(ResourceKinds.Variables, Uris.InstanceVariables(id))
        {
            Title = "Variables",
            Revision = instance.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LastModified = instance.UpdatedAt,
        };
        foreach (var (name, value) in instance.Variables)
        {
            r.Properties[name] = value;
        }

        r.Links.Add(new Link(Rels.Up, Uris.Instance(id)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(id)));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    [HttpGet("/instances/{id}/activities")]
    [HttpGet("/instances/{id}/activities.{format}")]
    public async Task<Resource> ActivitiesAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
        var r = new Resource(ResourceKinds.Activities, Uris.InstanceActivities(id))
        {
            Title = "Activities",
            Revision = instance.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            LastModified = instance.UpdatedAt,
        };
        r.Properties["active"] = InstanceResources.ActiveActivities(instance, process);
        foreach (var token in instance.Tokens)
        {
            // Each activity instance is a resource of its own (ruote's expressions), with its scope and children.
            r.Links.Add(new Link(Rels.Item, Uris.ActivityInstance(id, token.Id), token.ActivityId));
        }

        r.Links.Add(new Link(Rels.Up, Uris.Instance(id)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(id)));
        r.Links.Add(new Link(Rels.History, Uris.InstanceHistory(id), "Completed activities are in the history"));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>The instance's diagram with its live state; the only instance view that reads the whole history.</summary>
    [HttpGet("/instances/{id}/diagram")]
    [HttpGet("/instances/{id}/diagram.{format}")]
    public async Task<Resource> DiagramAsync(string id, [FromQuery] long? at, CancellationToken cancellationToken)
    {
        const int maxPages = 50;
        var instance = await VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
        var history = new List<HistoryEvent>();
        string? after = null;
        for (var page = 0; page < maxPages; page++)
        {
            var result = await engine.Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(PageRequest.MaxSize, After: after), id), cancellationToken);
            history.AddRange(result.Items);
            if (!result.HasNext)
            {
                break;
            }

            after = result.LastKey;
        }

        return at is { } sequence ? DiagramResources.Replay(instance, process, history, sequence) : DiagramResources.Instance(instance, process, history);
    }

    [HttpGet("/instances/{id}/history")]
    [HttpGet("/instances/{id}/history.{format}")]
    public async Task<Resource> HistoryAsync(string id, [FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        _ = await VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var size = PageSize(pageSize ?? 100);
        var token = PageOf(page, size);
        var result = await engine.Store.QueryHistoryAsync(new HistoryQuery(token.ToRequest(size), id), cancellationToken);
        var r = CollectionResources.Page(ResourceKinds.History, Uris.InstanceHistory(id), [("pageSize", pageSize?.ToString())], size, token, result,
            e => HistoryResources.Entry(e), "History");
        r.Links.Add(new Link(Rels.Up, Uris.Instance(id)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(id)));
        Variants.AddAlternates(r, "hal", "json");
        FeedResources.LinkFeed(r, Uris.InstanceFeed(id), "History feed (Atom)");
        return r;
    }

    /// <summary>
    /// The instance after a command. The command handed back the instance it committed and the tasks it wrote;
    /// when those are all of its open tasks (always, for a start) nothing is read again.
    /// </summary>
    /// <param name="startedBy">Who started the instance, when the command was its start (then its history is not read for it).</param>
    public static async Task<Resource> InstanceAsync(
        ProcessEngine engine, Engine.Commands.CommandOutcome outcome, Permissions rights, CancellationToken cancellationToken, string? startedBy = null)
    {
        if (outcome.Instance is { } instance && KnowsOpenTasks(outcome))
        {
            var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
            return InstanceResources.Instance(instance, process, outcome.Tasks.Where(t => TaskStates.IsActive(t.State)).ToList(),
                startedBy ?? await StartedByAsync(engine, instance.Id, cancellationToken), rights);
        }

        // The user just acted on this instance (a worker completing a job included), so the answer is theirs to see.
        return await InstanceResourceAsync(engine, await engine.GetInstanceAsync(outcome.InstanceId, cancellationToken), rights, cancellationToken);
    }

    /// <summary>Every task the instance waits on is among the tasks the command wrote.</summary>
    public static bool KnowsOpenTasks(Engine.Commands.CommandOutcome outcome) =>
        outcome is { Replayed: false, Instance: { } i } && i.Tokens.All(t => t.WorkItemId is null || outcome.Tasks.Any(w => w.Id == t.WorkItemId));

    /// <summary>The instance resource with its open tasks embedded (shared with the start answer).</summary>
    public static async Task<Resource> InstanceAsync(ProcessEngine engine, string id, Permissions rights, CancellationToken cancellationToken)
    {
        return await InstanceResourceAsync(engine, await VisibleInstanceAsync(engine, id, rights, cancellationToken), rights, cancellationToken);
    }

    private static async Task<Resource> InstanceResourceAsync(ProcessEngine engine, ProcessInstance instance, Permissions rights, CancellationToken cancellationToken)
    {
        var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
        return InstanceResources.Instance(instance, process, await OpenTasksAsync(engine, instance.Id, cancellationToken),
            await StartedByAsync(engine, instance.Id, cancellationToken), rights);
    }

    /// <summary>The instance, or <c>404</c> when this user may not see it (as if it did not exist).</summary>
    public static async Task<ProcessInstance> VisibleInstanceAsync(ProcessEngine engine, string id, Permissions rights, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(id, cancellationToken);
        if (rights.Viewer is { } viewer
            && (await engine.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1), ProcessKey: instance.ProcessKey, VisibleTo: viewer) { Id = id }, cancellationToken)).Items.Count == 0)
        {
            throw new Engine.Errors.NotFoundException("INSTANCE_NOT_FOUND", $"Process instance '{id}' does not exist.", new Dictionary<string, object?> { ["instance"] = id });
        }

        return instance;
    }

    /// <summary>Who started the instance: the user of its first history event (none when a timer or message did).</summary>
    public static async Task<string?> StartedByAsync(ProcessEngine engine, string id, CancellationToken cancellationToken)
    {
        var first = await engine.Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(1), id), cancellationToken);
        return first.Items is [{ Type: Engine.Execution.HistoryTypes.InstanceStarted } started] ? started.User : null;
    }

    /// <summary>The tasks of an instance that are still open or claimed.</summary>
    public static async Task<List<TaskRecord>> OpenTasksAsync(ProcessEngine engine, string instanceId, CancellationToken cancellationToken)
    {
        var tasks = await engine.Store.QueryTasksAsync(new TaskQuery(new PageRequest(PageRequest.MaxSize), InstanceId: instanceId), cancellationToken);
        return tasks.Items.Where(t => TaskStates.IsActive(t.State)).ToList();
    }

    private async Task<IActionResult> ChangeAsync(
        string id, string what, Func<Engine.Commands.CommandContext, CancellationToken, Task<Engine.Commands.CommandOutcome>> change, CancellationToken cancellationToken)
    {
        await DemandOperatorAsync(id, what, cancellationToken);
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var outcome = await change(context, cancellationToken);
        return ChangedResource(await InstanceAsync(engine, outcome, Rights, cancellationToken));
    }

    /// <summary><c>404</c> for an instance this user may not see, then <c>403</c> unless they are an operator.</summary>
    private async Task DemandOperatorAsync(string id, string what, CancellationToken cancellationToken)
    {
        if (!Rights.MayOperate)
        {
            _ = await VisibleInstanceAsync(engine, id, Rights, cancellationToken);
            Rights.Demand(false, Permissions.Operators, what);
        }
    }
}
